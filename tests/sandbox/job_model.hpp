#pragma once
// The platform's pace, modelled (--job-rate, --max-running-jobs; see README.md in this folder): a
// job takes time in proportion to its size, and an owner runs at most N jobs at once, the others
// waiting queued in upload order. Without --job-rate jobs finish at once (--running-polls).
#include <cstdint>
#include <map>
#include <vector>

namespace tcfeed::sandbox {

struct JobTimes {
  std::int64_t starts_at_ms = 0;     // steady clock: until then the job is Queued
  std::int64_t completes_at_ms = 0;  // then Running until this, Completed after
};

class JobModel {
 public:
  JobModel(double indicators_per_second, int running_per_owner);

  // Schedules a job of `items` uploaded at `now_ms` for `owner_id`: it starts in the first slot of
  // that owner to come free (or at once) and holds the slot for items / rate.
  JobTimes schedule(std::int64_t owner_id, std::int64_t items, std::int64_t now_ms);

  static std::int64_t steady_now_ms();

 private:
  double rate_;
  int slots_;
  std::map<std::int64_t, std::vector<std::int64_t>> free_at_ms_;  // per owner, per slot
};

}  // namespace tcfeed::sandbox
