#pragma once
// The recent past the status page draws (docs/architecture.md, Status, readiness and degraded):
// each connector's last runs and each owner's outbox over time. Kept in memory for the life of the
// process, so a reload keeps them; bounded, so a daemon running for a year holds what it held after
// an hour.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace tcfeed::telemetry {

struct RunPoint {
  std::int64_t at_unix = 0;
  std::uint64_t records = 0, indicators = 0, rejected = 0;
  bool failed = false;
};

struct BacklogPoint {
  std::int64_t at_unix = 0;
  std::uint64_t indicators = 0, batches = 0;
};

class StatusHistory {
 public:
  static constexpr std::size_t kRuns = 30;
  // An hour at the daemon's status tick (10 s).
  static constexpr std::size_t kBacklogPoints = 360;

  void record_run(const std::string& connector, const RunPoint& point);
  void record_backlog(const std::string& owner, const BacklogPoint& point);
  // Oldest first; empty for a name never recorded.
  std::vector<RunPoint> runs(std::string_view connector) const;
  std::vector<BacklogPoint> backlog(std::string_view owner) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::deque<RunPoint>, std::less<>> runs_;
  std::map<std::string, std::deque<BacklogPoint>, std::less<>> backlog_;
};

}  // namespace tcfeed::telemetry
