#include "lib/indicators/email_address.hpp"

#include "lib/indicators/host.hpp"
#include "lib/indicators/refang.hpp"
#include "lib/indicators/text.hpp"

namespace tcfeed::indicators {
namespace {

constexpr std::size_t kMaxRawEmail = 1024;
constexpr std::size_t kMaxLocalPart = 64;  // RFC 5321 §4.5.3.1.1

// RFC 5322 atext, plus '.' (dot-atom). Consecutive or edge dots are allowed: spam senders use them
// and real mail systems deliver them, so refusing would lose indicators.
constexpr bool is_local_char(char c) {
  if (text::is_alpha(c) || text::is_digit(c) || c == '.') return true;
  constexpr std::string_view kSpecials = "!#$%&'*+-/=?^_`{|}~";
  return kSpecials.find(c) != std::string_view::npos;
}

}  // namespace

Reject normalize_email_address(std::string_view raw, std::string& out) {
  out.clear();
  thread_local std::string refanged;
  std::string_view value;
  if (const Reject reason = trim_and_refang(raw, kMaxRawEmail, refanged, value); reason != Reject::None) return reason;
  if (text::istarts_with(value, "mailto:")) value.remove_prefix(7);

  const std::size_t at = value.find('@');
  if (at == std::string_view::npos) return Reject::EmailMissingAt;
  if (value.find('@', at + 1) != std::string_view::npos) return Reject::EmailMultipleAt;

  const auto local = value.substr(0, at);
  if (local.empty()) return Reject::EmailInvalidLocalPart;
  if (local.size() > kMaxLocalPart) return Reject::EmailLocalPartTooLong;
  bool ascii = true;
  for (char c : local) {
    if (text::is_non_ascii(c)) {
      ascii = false;
    } else if (!is_local_char(c)) {
      return text::is_ascii_control(c) ? Reject::ControlCharacter : Reject::EmailInvalidLocalPart;
    }
  }
  if (!ascii) {
    if (!text::is_valid_utf8(local)) return Reject::InvalidUtf8;
    if (text::has_control_character(local)) return Reject::ControlCharacter;
  }

  thread_local std::string domain;
  if (const Reject reason = normalize_host_name(value.substr(at + 1), domain); reason != Reject::None) {
    return reason;
  }
  out.append(local);
  out.push_back('@');
  out.append(domain);
  return Reject::None;
}

}  // namespace tcfeed::indicators
