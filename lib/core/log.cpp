#include "lib/core/log.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>

#include "lib/core/json_writer.hpp"

namespace tcfeed {
namespace {

// %* : the message as a JSON string literal, so a quote or a control byte in a message (feed data
// ends up in messages) cannot break the line's JSON.
class JsonMessageFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
    std::string quoted;
    JsonWriter::append_string(quoted, std::string_view(msg.payload.data(), msg.payload.size()));
    dest.append(quoted.data(), quoted.data() + quoted.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<JsonMessageFlag>(); }
};

}  // namespace

void init_logging(LogFormat format, spdlog::level::level_enum level) {
  auto logger = spdlog::stderr_logger_mt("tcfeed");
  if (format == LogFormat::Json) {
    auto formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
    formatter->add_flag<JsonMessageFlag>('*').set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","msg":%*})");
    logger->set_formatter(std::move(formatter));
  } else {
    logger->set_pattern("%Y-%m-%dT%H:%M:%SZ %l %v", spdlog::pattern_time_type::utc);
  }
  logger->set_level(level);
  spdlog::set_default_logger(std::move(logger));
}

}  // namespace tcfeed
