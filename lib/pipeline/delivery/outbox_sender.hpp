#pragma once
// Takes one outbox batch to the platform (docs/architecture.md, Delivery contract): create the job
// and commit its id before uploading, upload, poll to Completed, then delete the batch and keep
// each rejected indicator as a dead letter with the platform's reason — in that order, so a crash
// at any step leaves either the batch or its outcome in the state file, never neither. A batch with
// a recorded job is polled, and uploaded again only if the platform says the job never received its
// data.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "lib/config/config.hpp"
#include "lib/state/state_store.hpp"
#include "lib/threatconnect/api_client.hpp"
#include "lib/threatconnect/batch_api.hpp"

namespace tcfeed::pipeline {

struct DeliveryResult {
  enum class Kind {
    Completed,    // the batch is gone from the outbox: delivered, or its indicators dead-lettered
    Split,        // too large for the platform: replaced by smaller batches, due now
    Rescheduled,  // kept for a later attempt (the platform or the network failed)
  };
  Kind kind = Kind::Completed;
  std::int64_t delivered = 0;
  std::int64_t rejected = 0;  // new dead letters
  std::string error;          // why it was rescheduled
  std::int64_t next_attempt_unix = 0;  // when it was rescheduled to
};

class OutboxSender {
public:
  using Sleep = std::function<void(std::chrono::milliseconds)>;
  using Clock = std::function<std::int64_t()>;  // unix seconds

  OutboxSender(threatconnect::ApiClient& api, state::StateStore& state, const config::BatchConfig& batch,
               Sleep sleep = {}, Clock clock = {});

  // Throws threatconnect::StopError (credentials, owner permissions, batch API disabled): the batch
  // is kept as it is, and nothing more should be sent to that owner (or at all, per its scope).
  // Throws state::StateError when the state file fails.
  DeliveryResult deliver(const state::OutboxBatch& batch);

private:
  DeliveryResult attempt(const state::OutboxBatch& batch);
  threatconnect::BatchStatus submit(const state::OutboxBatch& batch);
  threatconnect::BatchStatus wait_for_completion(std::int64_t job_id);
  DeliveryResult complete(const state::OutboxBatch& batch, const threatconnect::BatchStatus& status);
  DeliveryResult split(const state::OutboxBatch& batch);
  DeliveryResult reschedule(const state::OutboxBatch& batch, const std::string& error);

  threatconnect::ApiClient& api_;
  state::StateStore& state_;
  const config::BatchConfig& batch_;
  Sleep sleep_;
  Clock clock_;
};

}  // namespace tcfeed::pipeline
