#pragma once
// Reading a feed's JSON object leniently: a member that is absent or of another type reads as
// empty, and the mapper decides what an empty field means (usually "malformed row").
#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

namespace tcfeed::connectors {

// A string member as is; "" otherwise.
std::string_view json_string(simdjson::dom::element object, const char* key);

// A string member as is, an integer member as text written into `buffer` (the view lives as long as
// it does): abuse.ch sends ids and ports as either, and has changed which.
std::string_view json_scalar(simdjson::dom::element object, const char* key, std::string& buffer);

// The strings of an array member, appended to `out`; other elements are skipped.
void json_strings(simdjson::dom::element object, const char* key, std::vector<std::string_view>& out);

}  // namespace tcfeed::connectors
