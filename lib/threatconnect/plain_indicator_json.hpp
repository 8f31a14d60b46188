#pragma once
// The indicator item of a batch upload written in one piece, when none of its strings needs
// escaping: the case of nearly every item a feed yields (normalized values are ASCII; tags and
// attribute values mostly are). It writes exactly the bytes append_indicator_json()'s general
// path (JsonWriter) writes for the same item; tests/unit/threatconnect/plain_indicator_json_test.cpp
// compares the two.
#include <string>

#include "lib/threatconnect/indicator_json.hpp"

namespace tcfeed::threatconnect {

// Appends the item's JSON object to `out` and returns true; returns false, leaving `out` as it
// was, when some string of the item needs escaping (quotes, backslashes, control characters,
// non-ASCII or invalid UTF-8): the caller takes the general path.
bool append_plain_indicator_json(std::string& out, const IndicatorItem& item);

}  // namespace tcfeed::threatconnect
