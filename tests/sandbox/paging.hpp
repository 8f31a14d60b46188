#pragma once
// resultStart/resultLimit paging shared by the v2 and v3 reads, and the v3 `next` link: an
// absolute URL whose query is the request's own raw query with resultStart moved on, so a
// client that signs the path and query of `next` exactly as given is verified.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tests/sandbox/http_types.hpp"

namespace tcfeed::sandbox {

inline constexpr std::int64_t kDefaultResultLimit = 100;
inline constexpr std::int64_t kMaxResultLimit = 10000;

struct Page {
  std::int64_t start = 0;
  std::int64_t limit = kDefaultResultLimit;
};

// A non-negative integer parameter, `fallback` when absent; nothing when malformed.
std::optional<std::int64_t> number_param(const Request& request, std::string_view name, std::int64_t fallback);

// Nothing for a malformed resultStart or a resultLimit outside [0, 10000].
std::optional<Page> parse_page(const Request& request);

// The raw query with the first `name` parameter's value replaced (appended if absent); every
// other byte is kept as received.
std::string replace_query_param(std::string_view raw_query, std::string_view name, std::string_view value);

// https://<Host header><path>?<query with resultStart=next_start>
std::string next_link(const Request& request, std::int64_t next_start);

}  // namespace tcfeed::sandbox
