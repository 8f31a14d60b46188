#include "lib/indicators/asn.hpp"

#include <cstdint>

#include "lib/indicators/text.hpp"

namespace tcfeed::indicators {
namespace {

constexpr std::size_t kMaxRawAsn = 64;

// Parses a run of decimal digits; false when empty, not all digits, or above `max`.
// Distinguishes the two failures through `overflow`.
bool parse_decimal(std::string_view digits, std::uint64_t max, std::uint64_t& value, bool& overflow) {
  value = 0;
  overflow = false;
  if (digits.empty()) return false;
  for (char c : digits) {
    if (!text::is_digit(c)) return false;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
    if (value > max) {
      overflow = true;
      // keep scanning so "99999999999x" is "not an ASN" rather than "out of range"
      for (char rest : digits) {
        if (!text::is_digit(rest)) {
          overflow = false;
          return false;
        }
      }
      return false;
    }
  }
  return true;
}

}  // namespace

Reject normalize_asn(std::string_view raw, std::string& out) {
  out.clear();
  if (raw.size() > kMaxRawAsn) return Reject::TooLong;
  std::string_view value = text::trim(raw);
  if (value.empty()) return Reject::Empty;

  const std::size_t prefix = text::istarts_with(value, "asn") ? 3 : (text::istarts_with(value, "as") ? 2 : 0);
  if (prefix != 0) {
    value.remove_prefix(prefix);
    // "ASN 123", "AS-123": a separator only after the prefix; a bare "-123" stays invalid.
    if (!value.empty() && (value.front() == ' ' || value.front() == '-')) value.remove_prefix(1);
  }

  constexpr std::uint64_t kMaxAsn = 4294967295ULL;
  std::uint64_t number = 0;
  bool overflow = false;
  if (const std::size_t dot = value.find('.'); dot != std::string_view::npos) {
    std::uint64_t high = 0;
    std::uint64_t low = 0;
    bool high_overflow = false;
    if (!parse_decimal(value.substr(0, dot), 65535, high, high_overflow) ||
        !parse_decimal(value.substr(dot + 1), 65535, low, overflow)) {
      return (high_overflow || overflow) ? Reject::AsnOutOfRange : Reject::AsnInvalid;
    }
    number = high * 65536 + low;
  } else if (!parse_decimal(value, kMaxAsn, number, overflow)) {
    return overflow ? Reject::AsnOutOfRange : Reject::AsnInvalid;
  }
  if (number == 0) return Reject::AsnOutOfRange;

  out.append("ASN");
  char digits[20];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + number % 10);
    number /= 10;
  } while (number != 0);
  while (n > 0) out.push_back(digits[--n]);
  return Reject::None;
}

}  // namespace tcfeed::indicators
