#include "lib/pipeline/engine/schedule.hpp"

#include <algorithm>

namespace tcfeed::pipeline {
namespace {

constexpr std::chrono::milliseconds kFirstRetry{30'000};

std::chrono::milliseconds with_jitter(std::chrono::milliseconds base, double jitter, std::mt19937_64& random) {
  if (jitter <= 0 || base.count() <= 0) return base;
  // Uniform in [base − jitter·base, base + jitter·base]: connectors started together drift apart.
  const double spread = jitter * static_cast<double>(base.count());
  std::uniform_real_distribution<double> offset(-spread, spread);
  return std::max(std::chrono::milliseconds(0),
                  std::chrono::milliseconds(base.count() + static_cast<std::int64_t>(offset(random))));
}

}  // namespace

std::chrono::milliseconds first_delay(const config::ScheduleConfig& schedule, std::mt19937_64& random) {
  if (schedule.run_on_start) return std::chrono::milliseconds(0);
  return with_jitter(std::chrono::duration_cast<std::chrono::milliseconds>(schedule.every), schedule.jitter, random);
}

std::chrono::milliseconds next_delay(const config::ScheduleConfig& schedule, int failures, std::mt19937_64& random,
                                     const SourceAsk& asked) {
  const auto every = std::chrono::duration_cast<std::chrono::milliseconds>(schedule.every);
  if (failures <= 0) return with_jitter(every, schedule.jitter, random);
  // 30 s, 1 min, 2 min, … capped at the regular interval.
  const int doublings = std::min(failures - 1, 20);
  const auto backoff =
      with_jitter(std::min(every, kFirstRetry * (std::int64_t{1} << doublings)), schedule.jitter, random);
  // Jitter spreads our own retries; it never takes us below what the source asked for.
  std::chrono::milliseconds wait{0};
  if (asked.retry_after) {
    wait = std::min<std::chrono::milliseconds>(*asked.retry_after, kMaxSourceWait);
  } else if (asked.rate_limited) {
    wait = every;
  }
  return std::max(backoff, wait);
}

}  // namespace tcfeed::pipeline
