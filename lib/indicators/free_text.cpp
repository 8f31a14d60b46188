#include "lib/indicators/free_text.hpp"

#include "lib/indicators/text.hpp"

namespace tcfeed::indicators {
namespace {

Reject normalize_text(std::string_view raw, std::size_t max_length, std::string& out) {
  out.clear();
  const std::string_view value = text::trim(raw);
  if (value.empty()) return Reject::Empty;
  // Length before the UTF-8 scan so a huge value costs nothing.
  if (value.size() > max_length) return Reject::TooLong;
  if (!text::is_valid_utf8(value)) return Reject::InvalidUtf8;
  if (text::has_control_character(value)) return Reject::ControlCharacter;
  out.assign(value);
  return Reject::None;
}

}  // namespace

Reject normalize_mutex(std::string_view raw, std::string& out) { return normalize_text(raw, kMaxMutexLength, out); }

Reject normalize_user_agent(std::string_view raw, std::string& out) {
  return normalize_text(raw, kMaxUserAgentLength, out);
}

Reject normalize_email_subject(std::string_view raw, std::string& out) {
  return normalize_text(raw, kMaxEmailSubjectLength, out);
}

Reject normalize_hashtag(std::string_view raw, std::string& out) {
  const Reject reason = normalize_text(raw, kMaxHashtagLength, out);
  if (reason != Reject::None) return reason;
  for (char c : out) {
    if (text::is_ascii_space(c)) return Reject::HashtagWhitespace;
  }
  return Reject::None;
}

}  // namespace tcfeed::indicators
