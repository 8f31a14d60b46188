#include "lib/pipeline/engine/run_once.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <spdlog/spdlog.h>

#include "lib/config/config_error.hpp"
#include "lib/core/counted.hpp"
#include "lib/core/log_fields.hpp"
#include "lib/core/unix_time.hpp"
#include "lib/pipeline/delivery/outbox_sender.hpp"
#include "lib/pipeline/delivery/owner_check.hpp"
#include "lib/pipeline/delivery/platform.hpp"
#include "lib/pipeline/engine/apply_outcome.hpp"
#include "lib/pipeline/run/connector_run.hpp"
#include "lib/pipeline/stream/policy.hpp"
#include "lib/state/state_lock.hpp"
#include "lib/state/state_store.hpp"
#include "lib/telemetry/run_log.hpp"

namespace tcfeed::pipeline {
namespace {

std::vector<const config::ConnectorConfig*> select_connectors(const config::Config& config, const RunOptions& options) {
  for (const auto& name : options.connectors) {
    const auto found = std::find_if(config.connectors.begin(), config.connectors.end(),
                                    [&](const auto& connector) { return connector.name == name; });
    if (found == config.connectors.end()) {
      throw config::ConfigError("--connector " + name + ": no connector of that name in " + config.file);
    }
  }
  std::vector<const config::ConnectorConfig*> selected;
  for (const auto& connector : config.connectors) {
    if (options.connectors.empty() ||
        std::find(options.connectors.begin(), options.connectors.end(), connector.name) != options.connectors.end()) {
      selected.push_back(&connector);
    }
  }
  return selected;
}

// Sends every due batch of `owner` until the outbox has none left or a batch must wait, and says
// which. Like the daemon, `batch.jobs_in_flight` senders work at once, each on its own connection
// (`apis`, one per sender), so the next job is uploaded while earlier ones run on the platform
// (docs/architecture.md, Sending a batch). The first outcome that stops the owner stops every
// sender from taking another batch; the ones in flight finish. On a terminal, a progress line says
// how far it is.
AfterOutcome drain_owner(const std::vector<std::unique_ptr<threatconnect::ApiClient>>& apis, state::StateStore& state,
                         const config::BatchConfig& batch_config, OwnerOutcome& outcome) {
  const bool terminal = isatty(STDERR_FILENO) == 1;
  std::mutex mutex;  // guards everything below
  std::int64_t total = 0;
  for (const auto& backlog : state.backlog()) {
    if (backlog.owner == outcome.owner) total = backlog.batches;
  }
  OwnerSending sending;
  std::vector<std::int64_t> in_flight;
  std::optional<AfterOutcome> stopped;  // why no sender may take another batch
  std::string stop_error;               // the error that stopped it, kept when later batches complete
  std::exception_ptr failure;           // the state file failed in a sender
  const auto progress = [&](bool last) {
    if (!terminal || total == 0) return;
    std::fprintf(
        stderr, "\rowner '%s': %lld of %s delivered, %s%s", outcome.owner.c_str(), static_cast<long long>(sending.jobs),
        counted(static_cast<std::uint64_t>(total), "batch", "batches").c_str(),
        counted(static_cast<std::uint64_t>(sending.delivered), "indicator", "indicators").c_str(), last ? "\n" : "");
  };
  const auto send = [&](threatconnect::ApiClient& api) {
    OutboxSender sender(api, state, batch_config);
    for (;;) {
      std::optional<state::OutboxBatch> batch;
      try {
        std::lock_guard lock(mutex);
        if (stopped || failure) return;
        batch = state.next_due(outcome.owner, now_unix(), in_flight);
        if (!batch) return;
        in_flight.push_back(batch->id);
      } catch (...) {
        failure = std::current_exception();
        return;
      }
      DeliveryOutcome delivered;
      try {
        delivered = sender.deliver(*batch);
      } catch (...) {
        std::lock_guard lock(mutex);
        failure = std::current_exception();
        return;
      }
      std::lock_guard lock(mutex);
      std::erase(in_flight, batch->id);
      if (delivered.kind == DeliveryOutcome::Kind::Split) ++total;
      // A one-shot run does not wait out a backoff or a stop: the batch stays for the next run.
      const AfterOutcome after = apply_outcome(outcome.owner, delivered, sending, now_unix(), nullptr);
      progress(false);
      if (after != AfterOutcome::SendNext && (!stopped || after == AfterOutcome::AllStopped)) {
        stopped = after;
        stop_error = sending.error;
      }
    }
  };
  std::vector<std::thread> senders;
  for (std::size_t i = 1; i < apis.size(); ++i) senders.emplace_back(send, std::ref(*apis[i]));
  send(*apis.front());
  for (auto& thread : senders) thread.join();
  if (failure) std::rethrow_exception(failure);
  outcome.delivered = sending.delivered;
  outcome.rejected = sending.rejected;
  outcome.jobs = sending.jobs;
  outcome.error = stopped ? stop_error : sending.error;
  progress(true);
  return stopped.value_or(AfterOutcome::SendNext);
}

RunReport dry_run(const config::Config& config, const ConnectorRegistry& registry,
                  const std::vector<const config::ConnectorConfig*>& selected, const std::string& dir,
                  const DryRunOptions& dry_options) {
  const std::unique_ptr<Policy> policy = build_policy(config);
  std::unique_ptr<state::StateStore> state;
  if (std::filesystem::exists(config.state_path)) {
    state = std::make_unique<state::StateStore>(config.state_path, state::StateStore::Mode::ReadOnly);
  }
  RunReport report;
  for (const auto* connector : selected) {
    const LogFields fields{{"connector", connector->name}, {"owner", connector->owner}};
    ConnectorOutcome outcome{connector->name, connector->owner, {}, false, {}, {}};
    try {
      auto instance = registry.create(*connector, config);
      const PollContext context{*connector, config, *policy, registry.find(connector->type)->stripped_tags};
      const PollReport polled = poll_into_directory(*instance, context, state.get(), dir, now_unix(), dry_options);
      outcome.counters = polled.counters;
      outcome.not_modified = polled.not_modified;
    } catch (const config::ConfigError&) {
      throw;
    } catch (const state::StateError&) {
      throw;
    } catch (const std::exception& error) {
      outcome.error = error.what();
    }
    telemetry::log_poll(outcome, "document written (dry run)", "documents written (dry run)");
    if (dry_options.audit && outcome.error.empty()) {
      spdlog::info("connector {}: audit written to {}", connector->name, audit_path(dir, connector->name));
    }
    report.connectors.push_back(std::move(outcome));
  }
  return report;
}

}  // namespace

int RunReport::exit_code() const {
  bool rejected = false;
  for (const auto& outcome : connectors) {
    if (!outcome.error.empty()) return 1;
  }
  for (const auto& owner : owners) {
    if (!owner.error.empty() || owner.pending_batches > 0) return 1;
    if (owner.rejected > 0) rejected = true;
  }
  return rejected ? 3 : 0;
}

RunReport run_once(const config::Config& config, const ConnectorRegistry& registry, const RunOptions& options) {
  const auto selected = select_connectors(config, options);
  if (options.dry_run_dir) {
    if (options.from_scratch) {
      spdlog::info("dry run from scratch: the state file's seen sets and cursors are ignored");
    }
    return dry_run(config, registry, selected, *options.dry_run_dir, {options.from_scratch, options.audit});
  }

  std::vector<std::unique_ptr<Connector>> connectors;
  for (const auto* connector : selected) connectors.push_back(registry.create(*connector, config));
  const std::unique_ptr<Policy> policy = build_policy(config);
  const state::StateLock lock(config.state_path);
  state::StateStore state(config.state_path, state::StateStore::Mode::ReadWrite);
  if (const auto discarded = state.discard_abandoned_runs(); discarded > 0) {
    spdlog::info("state: {} of polls interrupted before their commit were discarded; those polls run again",
                 counted(static_cast<std::uint64_t>(discarded), "batch", "batches"));
  }

  RunReport report;
  std::map<std::string, OwnerOutcome, std::less<>> owners;  // the selected connectors' owners
  for (const auto* connector : selected) owners[connector->owner].owner = connector->owner;
  const auto finish = [&] {
    for (auto& [name, outcome] : owners) {
      for (const auto& backlog : state.backlog()) {
        if (backlog.owner == name) {
          outcome.pending_batches = backlog.batches;
          outcome.pending_indicators = backlog.indicators;
        }
      }
      telemetry::log_delivery(outcome);
      report.owners.push_back(std::move(outcome));
    }
    return report;
  };

  auto api = connect_platform(config);
  OwnerChecker checker;
  try {
    checker.load(*api);
    add_platform_attack_names(*policy, config, *api, state);
  } catch (const std::exception& error) {
    // Credentials refused or the platform unreachable: poll nothing, queue nothing.
    const std::string why = std::string("cannot start delivery: ") + error.what();
    spdlog::error("{}", why);
    for (auto& [name, outcome] : owners) outcome.error = why;
    for (const auto* connector : selected)
      report.connectors.push_back({connector->name, connector->owner, {}, false, why, {}});
    return finish();
  }

  for (std::size_t i = 0; i < selected.size(); ++i) {
    const auto& connector = *selected[i];
    const LogFields fields{{"connector", connector.name}, {"owner", connector.owner}};
    ConnectorOutcome outcome{connector.name, connector.owner, {}, false, {}, {}};
    try {
      // docs/threatconnect.md, Owners: nothing is queued for an owner the API user cannot write to.
      checker.check(connector.owner);
      ConnectorMemory memory;
      const PollContext context{connector, config, *policy, registry.find(connector.type)->stripped_tags};
      const PollReport polled = poll_into_outbox(*connectors[i], context, state, memory, now_unix());
      outcome.counters = polled.counters;
      outcome.not_modified = polled.not_modified;
      outcome.removals_withheld = polled.removals_withheld;
    } catch (const state::StateError&) {
      throw;
    } catch (const std::exception& error) {
      outcome.error = error.what();
    }
    telemetry::log_poll(outcome, "batch queued", "batches queued");
    report.connectors.push_back(std::move(outcome));
  }

  // One connection per sender; the first is the one that read the owners.
  std::vector<std::unique_ptr<threatconnect::ApiClient>> apis;
  apis.push_back(std::move(api));
  while (apis.size() < static_cast<std::size_t>(std::max(1, config.batch.jobs_in_flight))) {
    apis.push_back(connect_platform(config));
  }
  std::string stopped_all;  // credentials refused: nothing more is sent to anyone
  for (auto& [name, outcome] : owners) {
    if (!stopped_all.empty()) {
      outcome.error = stopped_all;
      continue;
    }
    try {
      checker.check(name);
    } catch (const std::exception& error) {  // an owner the API user cannot write to
      outcome.error = error.what();
      continue;
    }
    if (drain_owner(apis, state, config.batch, outcome) == AfterOutcome::AllStopped) stopped_all = outcome.error;
  }
  return finish();
}

}  // namespace tcfeed::pipeline
