#pragma once
// HTTP dates (RFC 7231 IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT"): the Date header every
// response carries, Last-Modified of served files, and the HTTP-date form of Retry-After.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tcfeed::sandbox {

std::string format_http_date(std::int64_t epoch_seconds);

// IMF-fixdate only (the form every current client sends); nothing for anything else.
std::optional<std::int64_t> parse_http_date(std::string_view text);

}  // namespace tcfeed::sandbox
