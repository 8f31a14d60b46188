#pragma once
// Logging to stderr, which systemd's journal and container runtimes collect. Text for people,
// JSON lines for machines (`--log-format json`).
#include <string_view>

#include <spdlog/spdlog.h>

namespace tcfeed {

enum class LogFormat { Text, Json };

void init_logging(LogFormat format, spdlog::level::level_enum level = spdlog::level::info);

}  // namespace tcfeed
