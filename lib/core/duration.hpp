#pragma once
// Durations as operators write them in YAML: "20s", "15m", "7d", "1h30m", "250ms".
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace tcfeed {

using Duration = std::chrono::milliseconds;

std::optional<Duration> parse_duration(std::string_view text);
std::string format_duration(Duration duration);

}  // namespace tcfeed
