#pragma once

#include <cstddef>
#include <string>
#include <string_view>

// Byte-level helpers shared by the per-type normalizers. Locale-free on purpose: <cctype> depends
// on the process locale and on signed char, and these run on hostile bytes.
namespace tcfeed::indicators::text {

constexpr bool is_ascii_space(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');  // \t \n \v \f \r are 9..13
}
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
constexpr bool is_ascii_control(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x20 || u == 0x7f;
}
constexpr bool is_non_ascii(char c) { return static_cast<unsigned char>(c) >= 0x80; }
constexpr char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
constexpr char to_upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; }
constexpr int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// ASCII whitespace only; Unicode spaces inside a value are the value's problem, not trimming's.
constexpr std::string_view trim(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

constexpr bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (to_lower(a[i]) != to_lower(b[i])) return false;
  }
  return true;
}

constexpr bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

constexpr bool is_all_ascii(std::string_view s) {
  for (char c : s) {
    if (is_non_ascii(c)) return false;
  }
  return true;
}

// Strict UTF-8 (RFC 3629): no overlongs, no surrogates, nothing above U+10FFFF.
bool is_valid_utf8(std::string_view s);

// True when s holds a C0 control, DEL, or a C1 control (U+0080-U+009F, encoded C2 80-C2 9F).
// Assumes s is valid UTF-8 for the C1 check.
bool has_control_character(std::string_view s);

// Appends "%XX" (upper-case hex, RFC 3986 §2.1 "should use uppercase").
inline void append_percent_encoded(std::string& out, unsigned char byte) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  out.push_back('%');
  out.push_back(kHex[byte >> 4]);
  out.push_back(kHex[byte & 0x0f]);
}

}  // namespace tcfeed::indicators::text
