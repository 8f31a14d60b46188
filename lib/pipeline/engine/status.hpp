#pragma once
// What the daemon shows about itself: the status page, /readyz and `tcfeed state` read this one
// snapshot, which the pipeline fills under its own locks and hands over by value. What "ready" and
// "degraded" mean: docs/architecture.md, Status, readiness and degraded.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lib/telemetry/status_history.hpp"

namespace tcfeed::pipeline {

enum class ConnectorState {
  Idle,        // waiting for its next poll
  Running,     // polling now
  BackingOff,  // its last poll failed: the next one comes sooner, backing off
};

struct ConnectorStatus {
  std::string name, type, owner;
  ConnectorState state = ConnectorState::Idle;
  std::int64_t every_seconds = 0;  // schedule.every
  std::optional<std::int64_t> last_run_unix, next_run_unix, last_success_unix;
  std::optional<std::int64_t> running_since_unix;  // while a poll runs
  // "ok", "not modified", "failed", or "removals withheld" (a full list whose removals the guard
  // refused: what was read is queued, nothing is taken back).
  std::string last_outcome;
  std::string last_error;    // why the last poll failed; empty when it did not
  std::string last_warning;  // why the last poll's removals were withheld; empty when they were not
  // Of the last run: records read, indicators queued, dropped by policy, refused as invalid,
  // repeated within the run, unchanged since they were last sent.
  std::uint64_t records = 0, indicators = 0, dropped = 0, rejected = 0, repeated = 0, unchanged = 0;
  // The last run's records by what became of them (docs/architecture.md, Stream): mapped to
  // candidates, unmapped (could not be), skipped (the configuration or the cursor left them out).
  std::uint64_t mapped = 0, unmapped = 0, skipped = 0;
  std::uint64_t queued_total = 0;                // since start
  std::vector<telemetry::RunPoint> recent_runs;  // oldest first
};

// The state as the status page shows it: "idle", "running", "backing off".
std::string_view connector_state_text(ConnectorState state);

// Why a connector needs the operator's eye, or empty when it does not: its last poll failed, its
// removals were withheld, or a poll has been running past its deadline (longer than both its
// interval and kStuckAfterSeconds).
inline constexpr std::int64_t kStuckAfterSeconds = 30 * 60;
std::string connector_health(const ConnectorStatus& connector, std::int64_t now_unix);

struct OwnerStatus {
  std::string name;
  std::uint64_t outbox_batches = 0, outbox_indicators = 0;
  std::optional<std::int64_t> oldest_pending_unix;
  std::uint64_t delivered_total = 0, rejected_total = 0, dead_letters = 0;
  std::string stopped;                                   // why sending to this owner is stopped; empty when it sends
  std::vector<telemetry::BacklogPoint> backlog_history;  // oldest first
};

// The last SIGHUP: when, and why it was refused (empty when it was applied).
struct ReloadStatus {
  std::int64_t at_unix = 0;
  std::string error;
};

struct StatusSnapshot {
  std::string version;
  std::int64_t process_started_unix = 0;  // the daemon's start; 0 outside the daemon
  std::int64_t started_unix = 0;          // when the running configuration started (the last applied reload)
  std::int64_t now_unix = 0;
  std::optional<ReloadStatus> last_reload;
  bool ready = false;
  std::vector<std::string> problems;  // why not ready, as /readyz reports it
  // Ready but not well: "<connector>: <why>" for each unhealthy connector.
  std::vector<std::string> degraded;
  std::vector<ConnectorStatus> connectors;
  std::vector<OwnerStatus> owners;
};

}  // namespace tcfeed::pipeline
