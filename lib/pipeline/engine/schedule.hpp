#pragma once
// When a connector polls next (userver-style schedules): every `every` with a random jitter, and
// after a failure sooner, backing off exponentially up to `every`, so a feed that is down is
// retried without being hammered.
#include <chrono>
#include <optional>
#include <random>

#include "lib/config/config.hpp"
#include "lib/pipeline/source/source_ask.hpp"

namespace tcfeed::pipeline {

// The delay before the first poll of a daemon's life.
std::chrono::milliseconds first_delay(const config::ScheduleConfig& schedule, std::mt19937_64& random);

// The longest wait a source may impose: a Retry-After of days is a misconfigured server, and the
// feed would silently go stale.
inline constexpr std::chrono::hours kMaxSourceWait{24};

// The delay after a poll; `failures` counts the consecutive failed polls including this one (0
// after a success). `asked`: what the source asked when it refused this poll — the delay is never
// shorter than its Retry-After (capped at kMaxSourceWait), nor, for a rate limit that names no
// time, than the regular interval.
// `current_for`: after a successful poll, how long the source said its list stays as it is (the
// time to its `Expires`). The delay is never shorter (capped at kMaxSourceWait): a poll before it
// could only read the same list again, and Spamhaus firewalls clients that fetch too often. Jitter
// only ever adds to it. It never makes the delay shorter than `every` either.
std::chrono::milliseconds next_delay(const config::ScheduleConfig& schedule, int failures, std::mt19937_64& random,
                                     const SourceAsk& asked = {},
                                     std::optional<std::chrono::milliseconds> current_for = std::nullopt);

}  // namespace tcfeed::pipeline
