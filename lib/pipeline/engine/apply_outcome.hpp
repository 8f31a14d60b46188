#pragma once
// The one step that makes a batch's DeliveryOutcome take effect on its owner, shared by the
// daemon's senders and `run --once`: it counts what was delivered and rejected, reports the
// outcome through the telemetry events, and opens the owner's circuit — until the batch's next
// attempt after a failure, or for a probe interval after a stop — so nothing more is sent to that
// owner (or, when the credentials were refused, to anyone) before then.
#include <cstdint>
#include <string>

#include "lib/pipeline/delivery/delivery_outcome.hpp"
#include "lib/telemetry/telemetry_events.hpp"

namespace tcfeed::pipeline {

// How long sending stays stopped before one batch probes whether the refusal still holds.
inline constexpr std::int64_t kStoppedProbeSeconds = 300;

// One owner's sending, as its outcomes left it.
struct OwnerSending {
  std::int64_t delivered = 0;
  std::int64_t rejected = 0;      // dead letters added
  std::int64_t jobs = 0;          // batches completed
  std::int64_t paused_until = 0;  // unix seconds: no batch for this owner before then; 0 when closed
  std::string stopped;            // why sending to this owner is stopped; empty while it sends
  std::string error;              // why its last batch was not delivered; empty after a completed one
};

enum class AfterOutcome {
  SendNext,      // the owner's next due batch may go now
  OwnerWaits,    // rescheduled: the owner waits until paused_until, when that batch probes again
  OwnerStopped,  // refused for this owner: stopped, paused for kStoppedProbeSeconds
  AllStopped,    // credentials refused: the caller stops every owner for kStoppedProbeSeconds
};

// `events` may be null: `run --once` reports its owners once, at the end (telemetry::log_delivery).
AfterOutcome apply_outcome(const std::string& owner, const DeliveryOutcome& outcome, OwnerSending& sending,
                           std::int64_t now_unix, telemetry::TelemetryEvents* events);

}  // namespace tcfeed::pipeline
