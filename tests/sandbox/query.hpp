#pragma once
// Query strings and path segments. Decoding happens here, for routing and parameter values only;
// authentication always uses the raw bytes (auth.hpp).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tcfeed::sandbox {

// %XX decoding; `plus_is_space` for query values (form encoding), not for path segments.
// A malformed escape is kept literally, as lenient servers do.
std::string percent_decode(std::string_view text, bool plus_is_space);

// The decoded value of the first `name` parameter (name compared case-insensitively: the docs
// write both `owner=` and `Owner=`).
std::optional<std::string> query_param(std::string_view query, std::string_view name);

// The decoded values of every `name` parameter, in order (v3 repeats `fields=`).
std::vector<std::string> query_params(std::string_view query, std::string_view name);

// Path split on '/', each segment percent-decoded (so %2F inside a URL value stays one segment).
std::vector<std::string> path_segments(std::string_view path);

// Encodes everything but unreserved characters (for webLink values).
std::string percent_encode(std::string_view text);

}  // namespace tcfeed::sandbox
