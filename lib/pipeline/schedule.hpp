#pragma once
// When a connector polls next (userver-style schedules): every `every` with a random jitter, and
// after a failure sooner, backing off exponentially up to `every`, so a feed that is down is
// retried without being hammered.
#include <chrono>
#include <random>

#include "lib/config/config.hpp"

namespace tcfeed::pipeline {

// The delay before the first poll of a daemon's life.
std::chrono::milliseconds first_delay(const config::ScheduleConfig& schedule, std::mt19937_64& random);

// The delay after a poll; `failures` counts the consecutive failed polls including this one (0
// after a success).
std::chrono::milliseconds next_delay(const config::ScheduleConfig& schedule, int failures, std::mt19937_64& random);

}  // namespace tcfeed::pipeline
