#include "lib/core/duration.hpp"

#include <cstdint>
#include <limits>

namespace tcfeed {

std::optional<Duration> parse_duration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::int64_t total_ms = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::int64_t number = 0;
    const std::size_t digits_start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      if (number > std::numeric_limits<std::int64_t>::max() / 10 / 1000 / 86400) return std::nullopt;
      number = number * 10 + (text[i] - '0');
      ++i;
    }
    if (i == digits_start) return std::nullopt;
    const std::size_t unit_start = i;
    while (i < text.size() && text[i] >= 'a' && text[i] <= 'z') ++i;
    const std::string_view unit = text.substr(unit_start, i - unit_start);
    std::int64_t scale = 0;
    if (unit == "ms")
      scale = 1;
    else if (unit == "s")
      scale = 1000;
    else if (unit == "m")
      scale = 60'000;
    else if (unit == "h")
      scale = 3'600'000;
    else if (unit == "d")
      scale = 86'400'000;
    else
      return std::nullopt;
    total_ms += number * scale;
  }
  return Duration(total_ms);
}

std::string format_duration(Duration duration) {
  std::int64_t ms = duration.count();
  if (ms == 0) return "0s";
  std::string out;
  const auto part = [&](std::int64_t scale, const char* unit) {
    if (ms >= scale) {
      out += std::to_string(ms / scale) + unit;
      ms %= scale;
    }
  };
  part(86'400'000, "d");
  part(3'600'000, "h");
  part(60'000, "m");
  part(1000, "s");
  part(1, "ms");
  return out;
}

}  // namespace tcfeed
