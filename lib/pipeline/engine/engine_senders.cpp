// The sender threads of the Engine: per owner, `batch.jobs_in_flight` of them drain its outbox.

#include <spdlog/spdlog.h>

#include "lib/core/log_fields.hpp"
#include "lib/pipeline/delivery/outbox_sender.hpp"
#include "lib/pipeline/delivery/platform.hpp"
#include "lib/pipeline/engine/engine.hpp"

namespace tcfeed::pipeline {
namespace {

constexpr std::chrono::seconds kIdleRecheck{30};

}  // namespace

void Engine::run_sender(const std::string& owner) {
  const LogFields fields{{"owner", owner}};  // on every line this thread logs, in the JSON log
  auto api = platform_client(true);          // each sender its own connection
  // docs/architecture.md, Stop: a batch taken before the stop is delivered and recorded if that fits in
  // shutdown_grace; no new one is taken.
  OutboxSender sender(
      *api, state_, config_.batch, [this](std::chrono::milliseconds wait) { delivery_sleep(wait); },
      [this] { return clock_.now_unix(); });
  for (;;) {
    std::optional<state::OutboxBatch> batch;
    {
      std::unique_lock lock(mutex_);
      if (stopping_) return;
      auto& slot = owner_slots_[owner];
      auto& sending = slot.sending;
      const std::int64_t now = clock_.now_unix();
      std::int64_t resume = 0;  // when to look again, if this sender must wait
      if (!owners_) {
        resume = now + kIdleRecheck.count();  // the platform has not answered yet
      } else if (stopped_all_until_ > now) {
        resume = stopped_all_until_;
      } else if (sending.paused_until > now) {
        resume = sending.paused_until;
      } else {
        try {
          owners_->check(owner);
          if (!sending.stopped.empty() && sending.paused_until == 0) sending.stopped.clear();
        } catch (const std::exception& error) {
          sending.stopped = error.what();
          resume = now + kIdleRecheck.count();
        }
      }
      if (resume == 0) {
        const std::vector<std::int64_t> busy(slot.in_flight.begin(), slot.in_flight.end());
        try {
          batch = state_.next_due(owner, now, busy);
        } catch (const state::StateError& error) {
          lock.unlock();
          events_.state_failed(error.what());
          return;
        }
        if (!batch) resume = now + kIdleRecheck.count();
      }
      if (resume != 0) {
        if (!wait_for_work(lock, std::min(deadline_at(resume), clock_.now() + kIdleRecheck))) return;
        continue;
      }
      slot.in_flight.insert(batch->id);
    }

    DeliveryOutcome outcome;
    try {
      outcome = sender.deliver(*batch);
    } catch (const StopRequested&) {
      return;  // a job already created is in the state file: the next start polls it
    } catch (const state::StateError& error) {
      events_.state_failed(error.what());
      return;
    }
    std::lock_guard lock(mutex_);
    auto& slot = owner_slots_[owner];
    slot.in_flight.erase(batch->id);
    const std::int64_t now = clock_.now_unix();
    switch (apply_outcome(owner, outcome, slot.sending, now, &events_)) {
      case AfterOutcome::AllStopped:
        stopped_all_until_ = now + kStoppedProbeSeconds;
        platform_problem_ = outcome.reason;
        continue;
      case AfterOutcome::OwnerStopped: continue;
      case AfterOutcome::SendNext:
      case AfterOutcome::OwnerWaits: notify_work(); continue;
    }
  }
}

}  // namespace tcfeed::pipeline
