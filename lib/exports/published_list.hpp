#pragma once
// What GET /exports/NAME serves between two refreshes (docs/exports.md, Serving): the body and
// its gzip computed once when the list changed, with the validators, so a firewall's poll — a 304
// mostly — costs a comparison and no rendering.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tcfeed::exports {

struct PublishedList {
  std::string body;
  std::string gzipped;
  std::string etag;              // "\"<16 hex digits>\"", a fingerprint of the body
  std::int64_t modified_at = 0;  // when the body last changed (unix seconds)
  std::string last_modified;     // the same as an HTTP-date
  std::string content_type;
  std::size_t entries = 0;
  std::size_t cut = 0;
  std::size_t never_blocked = 0;
  // A list was read or restored: before that the body is empty for want of an answer, which is
  // served as 503, never as an empty list (docs/exports.md, Safety).
  bool ready = false;
};

// "Sun, 06 Dec 2026 08:00:00 GMT"
std::string format_http_date(std::int64_t unix_seconds);

// Unix seconds of "YYYY-MM-DDTHH:MM:SS…" (what follows the seconds is ignored), or nothing.
std::optional<std::int64_t> parse_iso_time(std::string_view text);
// "YYYY-MM-DDTHH:MM:SSZ"
std::string format_iso_time(std::int64_t unix_seconds);

}  // namespace tcfeed::exports
