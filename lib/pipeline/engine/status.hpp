#pragma once
// What the daemon shows about itself: the status page, /readyz and `tcfeed state` read this one
// snapshot, which the pipeline fills under its own locks and hands over by value.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tcfeed::pipeline {

enum class ConnectorState {
  Idle,        // waiting for its next poll
  Running,     // polling now
  BackingOff,  // its last poll failed: the next one comes sooner, backing off
};

struct ConnectorStatus {
  std::string name, type, owner;
  ConnectorState state = ConnectorState::Idle;
  std::optional<std::int64_t> last_run_unix, next_run_unix, last_success_unix;
  std::string last_outcome;  // "ok", "not modified", "failed"
  std::string last_error;    // empty when none
  // Of the last run.
  std::uint64_t records = 0, indicators = 0, dropped = 0, rejected = 0, duplicates = 0;
  std::uint64_t queued_total = 0;  // since start
};

// The state as the status page shows it: "idle", "running", "backing off".
std::string_view connector_state_text(ConnectorState state);

struct OwnerStatus {
  std::string name;
  std::uint64_t outbox_batches = 0, outbox_indicators = 0;
  std::optional<std::int64_t> oldest_pending_unix;
  std::uint64_t delivered_total = 0, rejected_total = 0, dead_letters = 0;
  std::string stopped;  // why sending to this owner is stopped; empty when it sends
};

struct StatusSnapshot {
  std::string version;
  std::int64_t started_unix = 0, now_unix = 0;
  bool ready = false;
  std::vector<std::string> problems;  // what /readyz reports
  std::vector<ConnectorStatus> connectors;
  std::vector<OwnerStatus> owners;
};

}  // namespace tcfeed::pipeline
