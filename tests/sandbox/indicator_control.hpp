#pragma once
// POST /_sandbox/indicators: a test changes the platform's indicators behind tcfeed's back, as an
// analyst or another integration would (README.md, Control endpoints). The body is one change or
// {"changes":[…]}; each names owner, type and summary and sets any of rating, confidence, tags,
// active, or `"delete": true`. Every change sets lastModified to now. {"generate": {"owner",
// "count", "rating", "confidence", "start", "age"}} adds (or updates) `count` Address indicators,
// public IPv4 addresses from 11.0.0.0 (+ start), last modified over the `age` seconds up to now, for benchmarks.
#include <cstdint>

#include "tests/sandbox/http_types.hpp"
#include "tests/sandbox/store.hpp"

namespace tcfeed::sandbox {

Response control_indicators(Store& store, const Request& request, std::int64_t now);

}  // namespace tcfeed::sandbox
