#pragma once
// Structured fields of the JSON log (`--log-format json`, `log_format: json`): a scope names the
// connector, the owner, a reason code or the counts of what it logs, and every line logged on this
// thread while the scope lives carries them as members beside "msg" (an inner scope's field wins
// over an outer one of the same name). The text format leaves them out: its message says the same.
// Values pass through log_escape.hpp like the message. Only names, codes and counts belong here,
// never a secret or a value read from a feed.
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace tcfeed {

class LogField {
 public:
  LogField(std::string_view field_name, std::string_view text);
  LogField(std::string_view field_name, const char* text) : LogField(field_name, std::string_view(text)) {}
  LogField(std::string_view field_name, const std::string& text) : LogField(field_name, std::string_view(text)) {}
  LogField(std::string_view field_name, std::uint64_t number);
  LogField(std::string_view field_name, std::int64_t number);
  LogField(std::string_view field_name, int number) : LogField(field_name, static_cast<std::int64_t>(number)) {}

  std::string name;
  std::string json;  // the value, written as JSON
};

class LogFields {
 public:
  LogFields(std::initializer_list<LogField> fields);
  ~LogFields();
  LogFields(const LogFields&) = delete;
  LogFields& operator=(const LogFields&) = delete;

 private:
  std::size_t previous_;
};

// `,"name":value` for each field in scope on this thread, outermost first, a name once (the
// innermost value); what the JSON format appends to a line.
void append_log_fields(std::string& out);

}  // namespace tcfeed
