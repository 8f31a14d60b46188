#include "lib/indicators/tags.hpp"

#include <algorithm>

#include "lib/indicators/text.hpp"

namespace tcfeed::indicators {

namespace {

constexpr bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xc0) == 0x80; }

// U+0080-U+009F, encoded C2 80-C2 9F; assumes valid UTF-8.
bool has_c1_control(std::string_view s) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) == 0xc2 && static_cast<unsigned char>(s[i + 1]) <= 0x9f) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t end = max_bytes;
  // s[end] is the first byte left out; while it continues a character, that character straddles
  // the cut and must go whole.
  while (end > 0 && is_continuation_byte(s[end])) --end;
  return s.substr(0, end);
}

void clean_tag_into(std::string_view raw, std::string& out, Reject* loss) {
  Reject ignored = Reject::None;
  Reject& lost = loss != nullptr ? *loss : ignored;
  lost = Reject::None;
  out.clear();
  const std::string_view trimmed = text::trim(raw);
  // Whitespace controls are separators to collapse; any other control means the field was not
  // meant as text (a binary blob, a parsing accident upstream), so the whole tag goes.
  for (const char c : trimmed) {
    if (text::is_ascii_control(c) && !text::is_ascii_space(c)) return void(lost = Reject::ControlCharacter);
  }
  if (!text::is_valid_utf8(trimmed)) return void(lost = Reject::InvalidUtf8);
  if (has_c1_control(trimmed)) return void(lost = Reject::ControlCharacter);

  out.reserve(std::min(trimmed.size(), kMaxTagLength + 5));
  bool in_space = false;
  for (const char c : trimmed) {
    if (text::is_ascii_space(c)) {
      in_space = true;
      continue;
    }
    if (in_space) {
      out.push_back(' ');
      in_space = false;
    }
    out.push_back(c);
    // A few bytes past the limit are enough to finish the character the cut may split.
    if (out.size() > kMaxTagLength + 4) break;
  }
  if (out.size() > kMaxTagLength) lost = Reject::TooLong;
  out.resize(utf8_prefix(out, kMaxTagLength).size());
  // A cut right after a collapsed space would leave it trailing.
  while (!out.empty() && out.back() == ' ') out.pop_back();
}

std::string clean_tag(std::string_view raw) {
  std::string out;
  clean_tag_into(raw, out);
  return out;
}

std::string_view clean_tag(std::string_view raw, std::string& scratch, Reject* loss) {
  if (loss != nullptr) *loss = Reject::None;
  const std::string_view trimmed = text::trim(raw);
  // Printable ASCII with no whitespace run to collapse and nothing to cut is its own clean form.
  bool plain = trimmed.size() <= kMaxTagLength;
  for (std::size_t i = 0; plain && i < trimmed.size(); ++i) {
    const auto c = static_cast<unsigned char>(trimmed[i]);
    plain = c >= 0x20 && c < 0x7f && !(c == ' ' && trimmed[i + 1] == ' ');  // never last: trimmed
  }
  if (plain) return trimmed;
  clean_tag_into(raw, scratch, loss);
  return scratch;
}

bool is_stripped_name(std::string_view tag, std::span<const std::string> stripped_names) {
  for (std::string_view name : stripped_names) {
    // Trimming only shortens, and a name the size of the tag has nothing to trim that could
    // match (the tag has no edge space): most names are told apart by their size alone.
    if (name.size() < tag.size()) continue;
    if (name.size() != tag.size()) name = text::trim(name);
    if (text::iequals(name, tag)) return true;
  }
  return false;
}

bool add_tag(std::vector<std::string>& tags, std::string_view raw, std::span<const std::string> stripped_names) {
  std::string tag = clean_tag(raw);
  if (tag.empty() || is_stripped_name(tag, stripped_names)) return false;
  const auto same = [&tag](std::string_view other) { return text::iequals(text::trim(other), tag); };
  if (std::any_of(tags.begin(), tags.end(), same)) return false;
  tags.push_back(std::move(tag));
  return true;
}

}  // namespace tcfeed::indicators
