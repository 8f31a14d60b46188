#include "lib/pipeline/engine/status.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace tcfeed::pipeline {

std::string_view connector_state_text(ConnectorState state) {
  switch (state) {
    case ConnectorState::Idle: return "idle";
    case ConnectorState::Running: return "running";
    case ConnectorState::BackingOff: return "backing off";
  }
  return "idle";
}

std::string connector_health(const ConnectorStatus& connector, std::int64_t now_unix) {
  if (connector.state == ConnectorState::Running && connector.running_since_unix) {
    const std::int64_t running = now_unix - *connector.running_since_unix;
    // A download is bounded by fetch_timeout (15 min by default) and reading a million records takes
    // seconds: a poll still running when its next one is due, and after half an hour, is stuck.
    if (running > std::max(connector.every_seconds, kStuckAfterSeconds)) {
      return fmt::format("a poll has been running for {} min, past its deadline", running / 60);
    }
  }
  if (connector.last_outcome == "failed") return "the last poll failed: " + connector.last_error;
  if (!connector.last_warning.empty()) return "removals withheld: " + connector.last_warning;
  return {};
}

}  // namespace tcfeed::pipeline
