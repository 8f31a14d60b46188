#include "connectors/json_fields.hpp"

#include <cstdint>

namespace tcfeed::connectors {

std::string_view json_string(simdjson::dom::element object, const char* key) {
  std::string_view value;
  if (object[key].get(value) != simdjson::SUCCESS) return {};
  return value;
}

std::string_view json_scalar(simdjson::dom::element object, const char* key, std::string& buffer) {
  std::int64_t number = 0;
  if (object[key].get(number) == simdjson::SUCCESS) {
    buffer = std::to_string(number);
    return buffer;
  }
  return json_string(object, key);
}

void json_strings(simdjson::dom::element object, const char* key, std::vector<std::string_view>& out) {
  simdjson::dom::array items;
  if (object[key].get(items) != simdjson::SUCCESS) return;
  for (auto item : items) {
    std::string_view text;
    if (item.get(text) == simdjson::SUCCESS) out.push_back(text);
  }
}

}  // namespace tcfeed::connectors
