#pragma once
// The gauges /metrics derives from the status snapshot (docs/architecture.md, Status, readiness and
// degraded): tcfeed_ready, tcfeed_degraded, tcfeed_connector_healthy per connector and
// tcfeed_owner_stopped per owner. Set from a snapshot, not read by a registry callback: a callback
// runs under the registry's lock, and the engine reports to the registry while holding its own.
#include <mutex>
#include <set>
#include <string>

#include "lib/pipeline/engine/status.hpp"
#include "lib/telemetry/metrics.hpp"

namespace tcfeed::daemon {

class StatusGauges {
 public:
  explicit StatusGauges(telemetry::Metrics& metrics) : metrics_(metrics) {}

  // Sets every gauge from `snapshot`; a connector a reload removed loses its series. Thread-safe:
  // the main loop and the HTTP thread both publish.
  void publish(const pipeline::StatusSnapshot& snapshot);

 private:
  telemetry::Metrics& metrics_;
  std::mutex mutex_;
  std::set<std::string> connectors_;  // those with a tcfeed_connector_healthy series; under mutex_
};

}  // namespace tcfeed::daemon
