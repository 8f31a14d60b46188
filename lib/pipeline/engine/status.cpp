#include "lib/pipeline/engine/status.hpp"

namespace tcfeed::pipeline {

std::string connector_state_text(const ConnectorStatus& connector) {
  switch (connector.state) {
    case ConnectorState::Idle: return "idle";
    case ConnectorState::Running: return "running";
    case ConnectorState::BackingOff: return "backing off";
    case ConnectorState::Paused: return "paused: " + connector.paused_because;
  }
  return "idle";
}

}  // namespace tcfeed::pipeline
