#include "lib/pipeline/engine/status.hpp"

namespace tcfeed::pipeline {

std::string_view connector_state_text(ConnectorState state) {
  switch (state) {
    case ConnectorState::Idle: return "idle";
    case ConnectorState::Running: return "running";
    case ConnectorState::BackingOff: return "backing off";
  }
  return "idle";
}

}  // namespace tcfeed::pipeline
