// The connector threads of the Engine: each polls its source on its own schedule.
#include <random>

#include <spdlog/spdlog.h>

#include "lib/core/log_fields.hpp"
#include "lib/pipeline/engine/engine.hpp"
#include "lib/pipeline/engine/schedule.hpp"
#include "lib/pipeline/source/fetch_stop.hpp"
#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::pipeline {

void Engine::run_connector(ConnectorSlot& slot) {
  // Every line this thread logs names its connector and owner in the JSON log.
  const LogFields fields{{"connector", slot.config->name}, {"owner", slot.config->owner}};
  if (slot.predecessor != nullptr) {
    // The same connector of the configuration before a reload: its poll in flight ends first.
    std::unique_lock lock(mutex_);
    const auto done = [&] { return stopping_ || slot.predecessor->finished; };
    while (!done()) clock_.wait_until(lock, wake_, clock_.now() + std::chrono::hours(24), done);
    if (stopping_) return;
  }
  connector_loop(slot);
  std::lock_guard lock(mutex_);
  slot.finished = true;
  if (slot.retired) {
    // Its seen set and connector go now; the slot itself stays until the engine does.
    slot.connector.reset();
    slot.memory = ConnectorMemory{};
  }
  wake_.notify_all();
}

void Engine::connector_loop(ConnectorSlot& slot) {
  std::mt19937_64 random{std::random_device{}()};
  auto delay = first_delay(slot.config->schedule, random);
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      slot.status.next_run_unix = clock_.now_unix() + std::chrono::duration_cast<std::chrono::seconds>(delay).count();
      if (slot.status.state == ConnectorState::Running) slot.status.state = ConnectorState::Idle;
      // `tcfeed poll` ends the wait early; a reload that retires the connector ends its thread.
      clock_.wait_until(lock, wake_, clock_.now() + delay,
                        [&] { return stopping_ || slot.retired || slot.poll_requested; });
      if (stopping_ || slot.retired) return;
      slot.poll_requested = false;
      slot.status.state = ConnectorState::Running;
      slot.status.next_run_unix.reset();
      slot.status.running_since_unix = clock_.now_unix();
    }
    poll_once(slot);
    {
      std::lock_guard lock(mutex_);
      if (stopping_ || slot.retired) return;
      slot.status.state = slot.failures > 0 ? ConnectorState::BackingOff : ConnectorState::Idle;
      slot.status.running_since_unix.reset();
    }
    std::optional<std::chrono::milliseconds> current_for;
    if (slot.expires_unix && slot.failures == 0) {
      const std::int64_t left = *slot.expires_unix - clock_.now_unix();
      if (left > 0) current_for = std::chrono::seconds(left);
    }
    delay = next_delay(slot.config->schedule, slot.failures, random, slot.asked, current_for);
    if (current_for && delay > slot.config->schedule.every) {
      spdlog::info("connector {}: the source says its list is current for {} s more (Expires); next poll in {} s",
                   slot.config->name, std::chrono::duration_cast<std::chrono::seconds>(*current_for).count(),
                   std::chrono::duration_cast<std::chrono::seconds>(delay).count());
    }
    if (slot.asked.any()) {
      spdlog::warn("connector {}: the source asked to {}; next poll in {} s", slot.config->name,
                   slot.asked.retry_after ? "wait (Retry-After)" : "slow down (rate limited)",
                   std::chrono::duration_cast<std::chrono::seconds>(delay).count());
    }
  }
}

void Engine::poll_once(ConnectorSlot& slot) {
  const auto& connector = *slot.config;
  const std::int64_t started = clock_.now_unix();
  ConnectorOutcome outcome{connector.name, connector.owner, {}, false, {}, {}};
  SourceAsk asked;
  std::optional<std::int64_t> expires_unix;
  try {
    {
      std::lock_guard lock(mutex_);
      // docs/threatconnect.md, Owners: nothing is queued for an owner the API user cannot write to. Until the
      // platform has answered, polls go on: what they queue waits in the outbox.
      if (owners_) owners_->check(connector.owner);
    }
    const auto policy = this->policy();
    const PollContext context{connector, config_, *policy, slot.stripped_tags};
    // The engine's stop, or a reload retiring this connector, cuts this poll's download.
    const std::stop_callback engine_stop(fetch_stop_.get_token(), [&slot] { slot.fetch_stop.request_stop(); });
    const FetchStopScope stop_scope(slot.fetch_stop.get_token());
    const PollReport polled = poll_into_outbox(*slot.connector, context, state_, slot.memory, started);
    outcome.counters = polled.counters;
    outcome.not_modified = polled.not_modified;
    outcome.removals_withheld = polled.removals_withheld;
    expires_unix = polled.expires_unix;
  } catch (const state::StateError& error) {
    events_.state_failed(error.what());
    outcome.error = error.what();
  } catch (const SourceError& error) {
    if (error.stopped()) {
      // The engine cut the download: not the source's failure, and nothing to count or retry.
      spdlog::info("connector {}: {}", connector.name, error.what());
      return;
    }
    outcome.error = error.what();
    asked = error.ask();
  } catch (const std::exception& error) {
    outcome.error = error.what();
  }
  events_.poll_finished(outcome);
  std::lock_guard lock(mutex_);
  slot.asked = asked;
  slot.expires_unix = expires_unix;
  auto& status = slot.status;
  status.last_run_unix = started;
  status.records = outcome.counters.records;
  status.indicators = outcome.counters.indicators;
  status.repeated = outcome.counters.duplicates;
  status.unchanged = outcome.counters.unchanged;
  status.dropped = 0;
  for (const auto& [reason, count] : outcome.counters.dropped) status.dropped += count;
  status.rejected = 0;
  for (const auto& [reason, count] : outcome.counters.rejected) status.rejected += count;
  const RunBalance books = balance(outcome.counters);
  status.mapped = outcome.counters.records_mapped;
  status.unmapped = books.unmapped;
  status.skipped = books.skipped;
  if (outcome.error.empty()) {
    slot.failures = 0;
    status.last_success_unix = started;
    status.last_outcome = !outcome.removals_withheld.empty() ? "removals withheld"
                          : outcome.not_modified             ? "not modified"
                                                             : "ok";
    status.last_error.clear();
    status.last_warning = outcome.removals_withheld;
    status.queued_total += outcome.counters.indicators;
    notify_work();  // the senders have new batches
  } else {
    ++slot.failures;
    status.last_outcome = "failed";
    status.last_error = outcome.error;
    status.last_warning.clear();
  }
}

}  // namespace tcfeed::pipeline
