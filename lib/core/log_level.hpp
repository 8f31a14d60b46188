#pragma once
// The levels an operator chooses from: `--log-level`, TCFEED_LOG_LEVEL or the configuration's
// `log_level` (the first of them that is set). Debug adds a line per source download and per
// platform request to the default, info.
#include <optional>
#include <string_view>

namespace tcfeed {

enum class LogLevel { Debug, Info, Warning, Error };

// Text lines for people, JSON lines for machines (`--log-format`, else the configuration's
// `log_format`, else text).
enum class LogFormat { Text, Json };

inline std::optional<LogFormat> parse_log_format(std::string_view text) {
  if (text == "text") return LogFormat::Text;
  if (text == "json") return LogFormat::Json;
  return std::nullopt;
}

inline constexpr std::string_view kLogLevelNames = "debug, info, warning or error";

// "debug", "info", "warning" (or "warn"), "error"; nullopt for anything else.
inline std::optional<LogLevel> parse_log_level(std::string_view text) {
  if (text == "debug") return LogLevel::Debug;
  if (text == "info") return LogLevel::Info;
  if (text == "warning" || text == "warn") return LogLevel::Warning;
  if (text == "error") return LogLevel::Error;
  return std::nullopt;
}

}  // namespace tcfeed
