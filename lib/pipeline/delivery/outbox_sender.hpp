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
#include "lib/pipeline/delivery/delivery_outcome.hpp"
#include "lib/state/state_store.hpp"
#include "lib/threatconnect/api_client.hpp"
#include "lib/threatconnect/batch_api.hpp"

namespace tcfeed::pipeline {

class OutboxSender {
 public:
  using Sleep = std::function<void(std::chrono::milliseconds)>;
  using Clock = std::function<std::int64_t()>;  // unix seconds

  // `sleep` spends the waits between job status polls; `clock` dates dead letters and reschedules.
  // Both default to the real ones; the daemon passes its engine's, tests their own.
  OutboxSender(threatconnect::ApiClient& api, state::StateStore& state, const config::BatchConfig& batch,
               Sleep sleep = {}, Clock clock = {});

  // Every answer of the platform and every transport failure ends in the returned outcome; a
  // refusal that stops the owner (credentials, owner permissions, batch API disabled) leaves the
  // batch as it is. Throws state::StateError when the state file fails, and lets through whatever
  // `sleep` throws to end a wait.
  DeliveryOutcome deliver(const state::OutboxBatch& batch);

 private:
  DeliveryOutcome attempt(const state::OutboxBatch& batch);
  threatconnect::BatchStatus submit(const state::OutboxBatch& batch);
  threatconnect::BatchStatus wait_for_completion(std::int64_t job_id, std::int64_t indicators);
  // How long a job of `indicators` should take, by the jobs this sender saw complete.
  std::chrono::milliseconds expected_duration(std::int64_t indicators) const;
  void learn_duration(std::chrono::milliseconds waited, std::int64_t indicators);
  DeliveryOutcome complete(const state::OutboxBatch& batch, const threatconnect::BatchStatus& status);
  DeliveryOutcome split(const state::OutboxBatch& batch);
  DeliveryOutcome reschedule(const state::OutboxBatch& batch, const std::string& error);

  threatconnect::ApiClient& api_;
  state::StateStore& state_;
  const config::BatchConfig& batch_;
  Sleep sleep_;
  Clock clock_;
  double ms_per_indicator_ = 0;  // learned from completed jobs; 0 until one completed
};

}  // namespace tcfeed::pipeline
