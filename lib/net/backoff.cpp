#include "lib/net/backoff.hpp"

#include <algorithm>
#include <charconv>
#include <ctime>
#include <string>

namespace tcfeed::net {

std::chrono::milliseconds jittered_backoff(const BackoffPolicy& policy, int retry, std::mt19937_64& random) {
  const int shift = std::clamp(retry, 0, 30);
  const auto ceiling = std::min<std::int64_t>(policy.cap.count(), policy.base.count() << shift);
  std::uniform_int_distribution<std::int64_t> pick(0, std::max<std::int64_t>(0, ceiling));
  return std::chrono::milliseconds(pick(random));
}

std::optional<std::int64_t> parse_http_date(std::string_view value) {
  std::tm parts{};
  const std::string text(value);
  const char* end = ::strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &parts);
  if (end == nullptr || *end != '\0') return std::nullopt;
  return static_cast<std::int64_t>(::timegm(&parts));
}

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value, std::int64_t now_unix) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  std::int64_t seconds = 0;
  const auto [ptr, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (error == std::errc() && ptr == value.data() + value.size()) {
    if (seconds < 0) return std::nullopt;
    return std::chrono::milliseconds(std::min<std::int64_t>(seconds, 86'400) * 1000);
  }
  const auto date = parse_http_date(value);
  if (!date) return std::nullopt;
  return std::chrono::milliseconds(std::max<std::int64_t>(0, *date - now_unix) * 1000);
}

}  // namespace tcfeed::net
