// The sender threads of the Engine: per owner, `batch.jobs_in_flight` of them drain its outbox.

#include <spdlog/spdlog.h>

#include "lib/pipeline/engine/engine.hpp"
#include "lib/core/unix_time.hpp"
#include "lib/pipeline/delivery/outbox_sender.hpp"
#include "lib/pipeline/delivery/platform.hpp"

namespace tcfeed::pipeline {
namespace {

constexpr std::int64_t kStoppedProbeSeconds = 300;
constexpr std::chrono::seconds kIdleRecheck{30};

std::chrono::steady_clock::time_point steady_at(std::int64_t unix_time) {
  return std::chrono::steady_clock::now() + std::chrono::seconds(std::max<std::int64_t>(0, unix_time - now_unix()));
}

}  // namespace

void Engine::run_sender(const std::string& owner) {
  auto api = platform_client();  // each sender its own connection
  OutboxSender sender(*api, state_, config_.batch, [this](std::chrono::milliseconds wait) { stoppable_sleep(wait); });
  for (;;) {
    std::optional<state::OutboxBatch> batch;
    {
      std::unique_lock lock(mutex_);
      if (stopping_) return;
      auto& slot = owner_slots_[owner];
      const std::int64_t now = now_unix();
      std::int64_t resume = 0;  // when to look again, if this sender must wait
      if (!owners_) {
        resume = now + kIdleRecheck.count();  // the platform has not answered yet
      } else if (stopped_all_until_ > now) {
        resume = stopped_all_until_;
      } else if (slot.paused_until > now) {
        resume = slot.paused_until;
      } else {
        try {
          owners_->check(owner);
          if (!slot.stopped.empty() && slot.paused_until == 0) slot.stopped.clear();
        } catch (const std::exception& error) {
          slot.stopped = error.what();
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
        if (!wait_for_work(lock, std::min(steady_at(resume), std::chrono::steady_clock::now() + kIdleRecheck))) return;
        continue;
      }
      slot.in_flight.insert(batch->id);
    }

    DeliveryResult result;
    std::string stopped;
    bool stop_all = false;
    try {
      result = sender.deliver(*batch);
    } catch (const StopRequested&) {
      return;  // a job already created is in the state file: the next start polls it
    } catch (const threatconnect::StopError& stop) {
      stopped = std::string("sending stopped, data kept: ") + stop.what();
      stop_all = stop.scope() == threatconnect::Outcome::StopAll;
    } catch (const state::StateError& error) {
      events_.state_failed(error.what());
      return;
    } catch (const std::exception& error) {
      result.kind = DeliveryResult::Kind::Rescheduled;
      result.error = error.what();
      result.next_attempt_unix = now_unix() + kIdleRecheck.count();
    }
    std::lock_guard lock(mutex_);
    auto& slot = owner_slots_[owner];
    slot.in_flight.erase(batch->id);
    const std::int64_t now = now_unix();
    if (!stopped.empty()) {
      events_.owner_stopped(owner, stopped);
      if (stop_all) {
        stopped_all_until_ = now + kStoppedProbeSeconds;
        platform_problem_ = stopped;
      } else {
        slot.stopped = stopped;
        slot.paused_until = now + kStoppedProbeSeconds;
      }
      continue;
    }
    events_.batch_finished(owner, result);
    slot.delivered += static_cast<std::uint64_t>(result.delivered);
    slot.rejected += static_cast<std::uint64_t>(result.rejected);
    if (result.kind == DeliveryResult::Kind::Rescheduled) {
      // The circuit opens: nothing more for this owner until the batch's backoff ends, then that
      // attempt probes the platform.
      slot.paused_until = result.next_attempt_unix;
    } else {
      slot.paused_until = 0;
      slot.stopped.clear();
    }
    notify_work();
  }
}

}  // namespace tcfeed::pipeline
