#pragma once
// How long to wait before the next attempt: capped exponential backoff with full jitter, or the
// server's Retry-After (seconds or an HTTP-date), honoured but capped.
#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <string_view>

namespace tcfeed::net {

struct BackoffPolicy {
  std::chrono::milliseconds base{1000};
  std::chrono::milliseconds cap{60'000};
  std::chrono::milliseconds retry_after_cap{300'000};
  int max_attempts = 6;                              // per request, the first included
  std::chrono::milliseconds max_total{10 * 60'000};  // per request, waits included
};

// Full jitter: uniform in [0, min(cap, base * 2^retry)]; `retry` counts from 0.
std::chrono::milliseconds jittered_backoff(const BackoffPolicy& policy, int retry, std::mt19937_64& random);

// Retry-After as delta-seconds or IMF-fixdate (RFC 9110), relative to `now_unix`. Negative → 0.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value, std::int64_t now_unix);

// An IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") as Unix seconds.
std::optional<std::int64_t> parse_http_date(std::string_view value);

}  // namespace tcfeed::net
