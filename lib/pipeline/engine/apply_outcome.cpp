#include "lib/pipeline/engine/apply_outcome.hpp"

namespace tcfeed::pipeline {

AfterOutcome apply_outcome(const std::string& owner, const DeliveryOutcome& outcome, OwnerSending& sending,
                           std::int64_t now_unix, telemetry::TelemetryEvents* events) {
  if (events) events->batch_finished(owner, outcome);
  using Kind = DeliveryOutcome::Kind;
  switch (outcome.kind) {
    case Kind::Completed:
    case Kind::Split:
      sending.delivered += outcome.delivered;
      sending.rejected += outcome.rejected;
      if (outcome.kind == Kind::Completed) ++sending.jobs;
      sending.paused_until = 0;
      sending.stopped.clear();
      sending.error.clear();
      return AfterOutcome::SendNext;
    case Kind::Rescheduled:
      // The circuit opens: nothing more for this owner until the batch's backoff ends, then that
      // attempt probes the platform.
      sending.paused_until = outcome.next_attempt_unix;
      sending.error = outcome.reason;
      return AfterOutcome::OwnerWaits;
    case Kind::OwnerStopped:
      sending.error = outcome.reason;
      // Refused credentials hold for every owner: the caller pauses them all, this one included.
      if (outcome.scope == DeliveryOutcome::StopScope::All) return AfterOutcome::AllStopped;
      sending.stopped = outcome.reason;
      sending.paused_until = now_unix + kStoppedProbeSeconds;
      return AfterOutcome::OwnerStopped;
  }
  return AfterOutcome::SendNext;
}

}  // namespace tcfeed::pipeline
