#include "daemon/status_format.hpp"

#include <ctime>

#include <fmt/format.h>

namespace tcfeed::daemon {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string format_utc(std::int64_t unix_seconds) {
  const auto seconds = static_cast<std::time_t>(unix_seconds);
  std::tm utc{};
  if (gmtime_r(&seconds, &utc) == nullptr) return fmt::format("@{}", unix_seconds);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                     utc.tm_hour, utc.tm_min, utc.tm_sec);
}

std::string format_relative(std::int64_t when_unix, std::int64_t now_unix) {
  const bool future = when_unix > now_unix;
  // In unsigned arithmetic the distance between any two int64 values fits, and cannot overflow.
  const auto when = static_cast<std::uint64_t>(when_unix);
  const auto now = static_cast<std::uint64_t>(now_unix);
  std::uint64_t left = future ? when - now : now - when;
  if (left == 0) return "now";
  struct Unit {
    std::uint64_t seconds;
    const char* suffix;
  };
  constexpr Unit kUnits[] = {{86400, "d"}, {3600, "h"}, {60, "m"}, {1, "s"}};
  std::string span;
  int shown = 0;
  for (const Unit& unit : kUnits) {
    const std::uint64_t count = left / unit.seconds;
    left %= unit.seconds;
    if (count == 0) {
      if (shown > 0) break;  // "1h 0m 5s" would be noise: stop at the first zero after a unit
      continue;
    }
    if (shown > 0) span += ' ';
    span += fmt::format("{}{}", count, unit.suffix);
    if (++shown == 2) break;
  }
  return future ? "in " + span : span + " ago";
}

std::string with_separators(std::uint64_t count) {
  std::string digits = std::to_string(count);
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string shorten(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = max_bytes;
  // Back off continuation bytes (10xxxxxx) so the cut never splits a character.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0u) == 0x80u) --cut;
  return std::string(text.substr(0, cut)) + "\u2026";
}

}  // namespace tcfeed::daemon
