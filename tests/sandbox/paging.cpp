#include "tests/sandbox/paging.hpp"

#include <charconv>

#include "tests/sandbox/query.hpp"

namespace tcfeed::sandbox {

std::optional<std::int64_t> number_param(const Request& request, std::string_view name, std::int64_t fallback) {
  const auto text = query_param(request.query(), name);
  if (!text) return fallback;
  std::int64_t value = 0;
  const auto* end = text->data() + text->size();
  const auto result = std::from_chars(text->data(), end, value);
  if (text->empty() || result.ec != std::errc() || result.ptr != end || value < 0) return std::nullopt;
  return value;
}

std::optional<Page> parse_page(const Request& request) {
  const auto start = number_param(request, "resultStart", 0);
  const auto limit = number_param(request, "resultLimit", kDefaultResultLimit);
  if (!start || !limit || *limit > kMaxResultLimit) return std::nullopt;
  return Page{*start, *limit};
}

std::string replace_query_param(std::string_view raw_query, std::string_view name, std::string_view value) {
  std::string out;
  bool replaced = false;
  std::size_t start = 0;
  while (start <= raw_query.size() && !raw_query.empty()) {
    const auto amp = raw_query.find('&', start);
    const auto pair = raw_query.substr(start, amp == std::string_view::npos ? amp : amp - start);
    if (!out.empty() || start > 0) out += '&';
    const auto equals = pair.find('=');
    // query_param compares decoded names ignoring case; ask it about this one pair.
    if (!replaced && query_param(pair, name)) {
      out.append(pair.substr(0, equals)).append("=").append(value);
      replaced = true;
    } else {
      out.append(pair);
    }
    if (amp == std::string_view::npos) break;
    start = amp + 1;
  }
  if (!replaced) {
    if (!out.empty()) out += '&';
    out.append(name).append("=").append(value);
  }
  return out;
}

std::string next_link(const Request& request, std::int64_t next_start) {
  const std::string host(request.header("host").value_or("localhost"));
  return "https://" + host + std::string(request.path()) + "?" +
         replace_query_param(request.query(), "resultStart", std::to_string(next_start));
}

}  // namespace tcfeed::sandbox
