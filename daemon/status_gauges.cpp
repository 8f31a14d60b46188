#include "daemon/status_gauges.hpp"

namespace tcfeed::daemon {
namespace {

constexpr std::string_view kHealthyName = "tcfeed_connector_healthy";
constexpr std::string_view kHealthyHelp =
    "1 while the connector is healthy; 0 when its last poll failed, its removals were withheld or a poll is stuck";

}  // namespace

void StatusGauges::publish(const pipeline::StatusSnapshot& snapshot) {
  const std::lock_guard lock(mutex_);
  metrics_.gauge("tcfeed_ready", "1 while tcfeed is ready (the platform answers, no owner is stopped), as /readyz")
      .set(snapshot.ready ? 1 : 0);
  metrics_.gauge("tcfeed_degraded", "1 while ready but some connector is unhealthy (see tcfeed_connector_healthy)")
      .set(snapshot.degraded.empty() ? 0 : 1);
  std::set<std::string> now;
  for (const auto& connector : snapshot.connectors) {
    const bool healthy = pipeline::connector_health(connector, snapshot.now_unix).empty();
    metrics_.gauge(kHealthyName, kHealthyHelp, {{"connector", connector.name}}).set(healthy ? 1 : 0);
    now.insert(connector.name);
  }
  for (const auto& name : connectors_) {
    if (!now.contains(name)) metrics_.remove_gauge(kHealthyName, {{"connector", name}});
  }
  connectors_ = std::move(now);
  // 1 while sending to an owner is stopped, whatever stopped it: refused credentials or
  // permissions, or an owner the API user no longer sees (which no stop event counts). The alert
  // reads this.
  for (const auto& owner : snapshot.owners) {
    metrics_
        .gauge("tcfeed_owner_stopped", "1 while sending to the owner is stopped, data kept",
               telemetry::Labels{{"owner", owner.name}})
        .set(owner.stopped.empty() ? 0 : 1);
  }
}

}  // namespace tcfeed::daemon
