#pragma once
// Logging to stderr, which systemd's journal and container runtimes collect. Text for people,
// JSON lines for machines (`--log-format json`). Every message passes through log_escape.hpp on its
// way out, whatever the format: feed data in a message cannot forge a line.
#include <memory>
#include <optional>
#include <string_view>

#include <spdlog/spdlog.h>

#include "lib/core/log_level.hpp"

namespace tcfeed {

// The line layout of a format, message escaped (init_logging installs it; tests write through it).
std::unique_ptr<spdlog::formatter> make_log_formatter(LogFormat format);

// Installs the stderr logger. `pinned`: the level was chosen on the command line or in
// TCFEED_LOG_LEVEL, which win over the configuration's log_level; `format_pinned`: the format was
// chosen on the command line, which wins over the configuration's log_format.
void init_logging(LogFormat format, LogLevel level = LogLevel::Info, bool pinned = false, bool format_pinned = false);

// The configuration's `log_level`, at start and at each reload: applied unless the level is
// pinned; nullopt (the key absent) means info.
void apply_config_log_level(std::optional<LogLevel> level);

// The configuration's `log_format`, at start and at each reload: applied unless --log-format chose.
void apply_config_log_format(std::optional<LogFormat> format);

}  // namespace tcfeed
