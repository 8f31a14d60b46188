#include "tests/sandbox/job_model.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace tcfeed::sandbox {

JobModel::JobModel(double indicators_per_second, int running_per_owner)
    : rate_(indicators_per_second), slots_(std::max(1, running_per_owner)) {}

JobTimes JobModel::schedule(std::int64_t owner_id, std::int64_t items, std::int64_t now_ms) {
  auto& slots = free_at_ms_[owner_id];
  if (slots.empty()) slots.assign(static_cast<std::size_t>(slots_), 0);
  auto slot = std::min_element(slots.begin(), slots.end());
  JobTimes times;
  times.starts_at_ms = std::max(now_ms, *slot);
  const auto duration = static_cast<std::int64_t>(std::llround(1000.0 * static_cast<double>(items) / rate_));
  times.completes_at_ms = times.starts_at_ms + duration;
  *slot = times.completes_at_ms;
  return times;
}

std::int64_t JobModel::steady_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace tcfeed::sandbox
