#pragma once
// Text helpers of the status page: HTML escaping and the two ways it shows a time.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tcfeed::daemon {

// Escapes & < > " ' so the text is inert in element content and in quoted attributes.
std::string html_escape(std::string_view text);

// "2024-05-01T12:00:00Z".
std::string format_utc(std::int64_t unix_seconds);

// The distance from `now` in its two largest units: "in 4m 10s", "3m ago", "2d 5h ago", "now".
std::string format_relative(std::int64_t when_unix, std::int64_t now_unix);

// At most `max_bytes` of `text`, cut on a UTF-8 character boundary, with "…" when cut: a long
// network error must not push the table off the screen.
std::string shorten(std::string_view text, std::size_t max_bytes);

}  // namespace tcfeed::daemon
