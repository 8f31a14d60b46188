#pragma once
// Typed telemetry events (docs/architecture.md, Telemetry; after Vector): each event writes its log line and moves its
// counters in one place, so the log and /metrics never disagree. No indicator value is ever a
// label.
#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lib/pipeline/delivery/delivery_outcome.hpp"
#include "lib/pipeline/delivery/owner_outcome.hpp"
#include "lib/pipeline/run/connector_outcome.hpp"
#include "lib/telemetry/metrics.hpp"
#include "lib/telemetry/status_history.hpp"

namespace tcfeed::telemetry {

class TelemetryEvents {
 public:
  explicit TelemetryEvents(Metrics& metrics) : metrics_(metrics) {}

  // The connectors the running configuration schedules. Each one's poll interval is a gauge, so an
  // alert can say "no success for 3 intervals" per connector (deploy/alerts.yaml) instead of one
  // threshold for 5-minute and daily feeds alike. A connector of an earlier configuration loses
  // its interval and last-success series, and its polls still winding down no longer set them:
  // the alert forgets a connector a reload removed.
  // `dropped_reasons`: the drop codes the running policy can count (pipeline::dropped_codes), each
  // exported at 0 per connector like every reject, unmapped and tag reason.
  void connectors_scheduled(const std::vector<std::pair<std::string, std::chrono::seconds>>& connectors,
                            const std::vector<std::string>& dropped_reasons = {});
  void poll_finished(const pipeline::ConnectorOutcome& outcome);
  // Every outcome of a batch: a stop is owner_stopped's line and counter.
  void batch_finished(const std::string& owner, const pipeline::DeliveryOutcome& result);
  void owner_stopped(const std::string& owner, const std::string& why);
  // The state file failed (I/O, full disk, corruption): the daemon must stop (docs/architecture.md, The state file).
  void state_failed(const std::string& why);

  // The series a dashboard reads, at 0 before the first event (docs/architecture.md, Telemetry):
  // connectors_scheduled() does it for each connector, this for each owner.
  void owners_known(const std::vector<std::string>& owners);

  // Each connector's recent runs (poll_finished records them) and each owner's backlog (the daemon
  // samples it), for the status page's charts.
  StatusHistory& history() { return history_; }
  const StatusHistory& history() const { return history_; }

  bool state_failure() const { return state_failed_.load(); }
  std::string state_failure_text() const;

 private:
  Metrics& metrics_;
  std::atomic<bool> state_failed_{false};
  mutable std::mutex mutex_;
  std::string state_failure_;
  std::set<std::string, std::less<>> scheduled_;  // under mutex_
  StatusHistory history_;
};

}  // namespace tcfeed::telemetry
