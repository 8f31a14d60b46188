#pragma once
// What a source asked of us when it refused a poll: to wait (Retry-After on a 429 or 503), or to
// slow down without saying how much (abuse.ch answers a rate-limited key with HTTP 402 or
// {"query_status":"ratelimited"}). The scheduler never polls that source again sooner.
#include <chrono>
#include <optional>

namespace tcfeed::pipeline {

struct SourceAsk {
  std::optional<std::chrono::milliseconds> retry_after;
  bool rate_limited = false;

  bool any() const { return retry_after.has_value() || rate_limited; }
};

}  // namespace tcfeed::pipeline
