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
                                     const SourceAsk& asked, std::optional<std::chrono::milliseconds> current_for) {
  const auto every = std::chrono::duration_cast<std::chrono::milliseconds>(schedule.every);
  if (failures <= 0) {
    const auto regular = with_jitter(every, schedule.jitter, random);
    if (!current_for || *current_for <= regular) return regular;
    // Many daemons read the same Expires: a spread after it, never before it.
    const auto spread = static_cast<std::int64_t>(std::max(0.0, schedule.jitter) * static_cast<double>(every.count()));
    std::uniform_int_distribution<std::int64_t> after(0, spread);
    return std::min<std::chrono::milliseconds>(*current_for, kMaxSourceWait) + std::chrono::milliseconds(after(random));
  }
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
