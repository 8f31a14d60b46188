#pragma once
// What delivering one outbox batch came to. OutboxSender decides it once, from the platform's
// answers (threatconnect::classify), and returns it: no caller rebuilds it from exception types.
// The daemon's senders and `run --once` act on it through one step (engine/apply_outcome.hpp).
#include <cstdint>
#include <string>

namespace tcfeed::pipeline {

struct DeliveryOutcome {
  enum class Kind {
    Completed,     // the batch is gone from the outbox: delivered, or its indicators dead-lettered
    Split,         // too large for the platform: replaced by smaller batches, due now
    Rescheduled,   // kept for a later attempt (the platform or the network failed)
    OwnerStopped,  // refused in a way no retry mends (permissions, credentials, batch jobs disabled):
                   // the batch is kept as it is
  };
  // Whom a stop concerns: the batch's owner, or every owner (the credentials are shared by all).
  enum class StopScope { Owner, All };

  Kind kind = Kind::Completed;
  std::int64_t delivered = 0;
  std::int64_t rejected = 0;           // new dead letters
  std::string reason;                  // Rescheduled, OwnerStopped: why, as the log and the operator see it
  std::int64_t next_attempt_unix = 0;  // Rescheduled: when the batch is due again
  StopScope scope = StopScope::Owner;  // OwnerStopped
};

}  // namespace tcfeed::pipeline
