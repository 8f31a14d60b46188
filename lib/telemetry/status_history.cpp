#include "lib/telemetry/status_history.hpp"

namespace tcfeed::telemetry {
namespace {

template <typename Point>
void push_bounded(std::deque<Point>& points, const Point& point, std::size_t bound) {
  points.push_back(point);
  while (points.size() > bound) points.pop_front();
}

template <typename Map>
auto copy_of(const Map& map, std::string_view name) {
  const auto found = map.find(name);
  using Point = typename Map::mapped_type::value_type;
  if (found == map.end()) return std::vector<Point>{};
  return std::vector<Point>(found->second.begin(), found->second.end());
}

}  // namespace

void StatusHistory::record_run(const std::string& connector, const RunPoint& point) {
  const std::lock_guard lock(mutex_);
  push_bounded(runs_[connector], point, kRuns);
}

void StatusHistory::record_backlog(const std::string& owner, const BacklogPoint& point) {
  const std::lock_guard lock(mutex_);
  push_bounded(backlog_[owner], point, kBacklogPoints);
}

std::vector<RunPoint> StatusHistory::runs(std::string_view connector) const {
  const std::lock_guard lock(mutex_);
  return copy_of(runs_, connector);
}

std::vector<BacklogPoint> StatusHistory::backlog(std::string_view owner) const {
  const std::lock_guard lock(mutex_);
  return copy_of(backlog_, owner);
}

}  // namespace tcfeed::telemetry
