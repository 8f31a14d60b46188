#include "lib/core/log_fields.hpp"

#include <algorithm>
#include <vector>

#include "lib/core/json_writer.hpp"
#include "lib/core/log_escape.hpp"

namespace tcfeed {
namespace {

// Per thread: the logger formats on the thread that logs, so a scope on a connector's thread
// never labels a sender's line.
thread_local std::vector<LogField> fields_in_scope;

}  // namespace

LogField::LogField(std::string_view field_name, std::string_view text) : name(field_name) {
  JsonWriter::append_string(json, log_escaped(text));
}

LogField::LogField(std::string_view field_name, std::uint64_t number)
    : name(field_name), json(std::to_string(number)) {}

LogField::LogField(std::string_view field_name, std::int64_t number) : name(field_name), json(std::to_string(number)) {}

LogFields::LogFields(std::initializer_list<LogField> fields) : previous_(fields_in_scope.size()) {
  fields_in_scope.insert(fields_in_scope.end(), fields.begin(), fields.end());
}

LogFields::~LogFields() {
  fields_in_scope.erase(fields_in_scope.begin() + static_cast<std::ptrdiff_t>(previous_), fields_in_scope.end());
}

void append_log_fields(std::string& out) {
  // Few fields (a dozen at most): a linear look for a name already written is cheaper than a set.
  for (auto field = fields_in_scope.begin(); field != fields_in_scope.end(); ++field) {
    const bool shadowed =
        std::any_of(field + 1, fields_in_scope.end(), [&](const LogField& inner) { return inner.name == field->name; });
    // "time", "level" and "msg" are the line's own.
    if (shadowed || field->name == "time" || field->name == "level" || field->name == "msg") continue;
    out += ',';
    JsonWriter::append_string(out, field->name);
    out += ':';
    out += field->json;
  }
}

}  // namespace tcfeed
