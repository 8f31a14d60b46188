#include "lib/core/log.hpp"

#include <atomic>

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>

#include "lib/core/json_writer.hpp"
#include "lib/core/log_escape.hpp"
#include "lib/core/log_fields.hpp"

namespace tcfeed {
namespace {

std::atomic<bool> level_pinned{false};
std::atomic<bool> format_pinned_{false};
std::atomic<LogFormat> format_in_use{LogFormat::Text};

spdlog::level::level_enum spdlog_level(LogLevel level) {
  switch (level) {
    case LogLevel::Debug: return spdlog::level::debug;
    case LogLevel::Info: return spdlog::level::info;
    case LogLevel::Warning: return spdlog::level::warn;
    case LogLevel::Error: return spdlog::level::err;
  }
  return spdlog::level::info;
}

std::string_view payload(const spdlog::details::log_msg& msg) { return {msg.payload.data(), msg.payload.size()}; }

// %* in the text format: the message with control bytes and invalid UTF-8 made visible
// (log_escape.hpp), so a newline a feed put into an error text cannot start a forged line.
class TextMessageFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
    std::string escaped;
    append_log_escaped(escaped, payload(msg));
    dest.append(escaped.data(), escaped.data() + escaped.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<TextMessageFlag>(); }
};

// %* in the JSON format: the same escaped message as a JSON string literal, so both formats show
// one text and a quote in a message cannot break the line's JSON either.
class JsonMessageFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
    std::string quoted;
    JsonWriter::append_string(quoted, log_escaped(payload(msg)));
    dest.append(quoted.data(), quoted.data() + quoted.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<JsonMessageFlag>(); }
};

// %& in the JSON format: the fields of the LogFields scopes of the logging thread (log_fields.hpp).
class JsonFieldsFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg&, const std::tm&, spdlog::memory_buf_t& dest) override {
    std::string fields;
    append_log_fields(fields);
    dest.append(fields.data(), fields.data() + fields.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<JsonFieldsFlag>(); }
};

}  // namespace

std::unique_ptr<spdlog::formatter> make_log_formatter(LogFormat format) {
  auto formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
  if (format == LogFormat::Json) {
    formatter->add_flag<JsonMessageFlag>('*').add_flag<JsonFieldsFlag>('&').set_pattern(
        R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","msg":%*%&})");
  } else {
    formatter->add_flag<TextMessageFlag>('*').set_pattern("%Y-%m-%dT%H:%M:%SZ %l %*");
  }
  return formatter;
}

void init_logging(LogFormat format, LogLevel level, bool pinned, bool format_pinned) {
  format_pinned_ = format_pinned;
  format_in_use = format;
  spdlog::drop("tcfeed");
  auto logger = spdlog::stderr_logger_mt("tcfeed");
  logger->set_formatter(make_log_formatter(format));
  logger->set_level(spdlog_level(level));
  level_pinned = pinned;
  spdlog::set_default_logger(std::move(logger));
}

void apply_config_log_format(std::optional<LogFormat> format) {
  const LogFormat wanted = format.value_or(LogFormat::Text);
  if (format_pinned_ || wanted == format_in_use) return;
  format_in_use = wanted;
  spdlog::default_logger()->set_formatter(make_log_formatter(wanted));
}

void apply_config_log_level(std::optional<LogLevel> level) {
  if (level_pinned) return;
  spdlog::default_logger()->set_level(spdlog_level(level.value_or(LogLevel::Info)));
}

}  // namespace tcfeed
