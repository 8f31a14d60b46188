#pragma once
// Text helpers of the status page: HTML escaping and the two ways it shows a time.
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

namespace tcfeed::daemon {

// fmt::format onto the end of `out`: the page and its charts are built in one string.
template <typename... Args>
void appendf(std::string& out, fmt::format_string<Args...> format, Args&&... args) {
  fmt::format_to(std::back_inserter(out), format, std::forward<Args>(args)...);
}

// Escapes & < > " ' so the text is inert in element content and in quoted attributes.
std::string html_escape(std::string_view text);

// "2024-05-01T12:00:00Z".
std::string format_utc(std::int64_t unix_seconds);

// The distance from `now` in its two largest units: "in 4m 10s", "3m ago", "2d 5h ago", "now".
std::string format_relative(std::int64_t when_unix, std::int64_t now_unix);

// "1,234,567": counts an operator reads at a glance.
std::string with_separators(std::uint64_t count);

// At most `max_bytes` of `text`, cut on a UTF-8 character boundary, with "…" when cut: a long
// network error must not push the table off the screen.
std::string shorten(std::string_view text, std::size_t max_bytes);

}  // namespace tcfeed::daemon
