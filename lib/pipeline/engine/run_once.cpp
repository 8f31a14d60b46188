#include "lib/pipeline/engine/run_once.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include <spdlog/spdlog.h>

#include "lib/config/config_error.hpp"
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
// which. On a terminal, a progress line says how far it is.
AfterOutcome drain_owner(OutboxSender& sender, state::StateStore& state, OwnerOutcome& outcome) {
  const bool terminal = isatty(STDERR_FILENO) == 1;
  std::int64_t total = 0;
  for (const auto& backlog : state.backlog()) {
    if (backlog.owner == outcome.owner) total = backlog.batches;
  }
  OwnerSending sending;
  const auto progress = [&](bool last) {
    if (!terminal || total == 0) return;
    std::fprintf(stderr, "\rowner '%s': %lld of %lld batches delivered, %lld indicators%s", outcome.owner.c_str(),
                 static_cast<long long>(sending.jobs), static_cast<long long>(total),
                 static_cast<long long>(sending.delivered), last ? "\n" : "");
  };
  const auto report = [&](AfterOutcome after) {
    outcome.delivered = sending.delivered;
    outcome.rejected = sending.rejected;
    outcome.jobs = sending.jobs;
    outcome.error = sending.error;
    progress(true);
    return after;
  };
  for (;;) {
    const auto batch = state.next_due(outcome.owner, now_unix(), {});
    if (!batch) return report(AfterOutcome::SendNext);
    const DeliveryOutcome delivered = sender.deliver(*batch);
    if (delivered.kind == DeliveryOutcome::Kind::Split) ++total;
    // A one-shot run does not wait out a backoff or a stop: the batch stays for the next run.
    const AfterOutcome after = apply_outcome(outcome.owner, delivered, sending, now_unix(), nullptr);
    progress(false);
    if (after != AfterOutcome::SendNext) return report(after);
  }
}

RunReport dry_run(const config::Config& config, const ConnectorRegistry& registry,
                  const std::vector<const config::ConnectorConfig*>& selected, const std::string& dir) {
  const std::unique_ptr<Policy> policy = build_policy(config);
  std::unique_ptr<state::StateStore> state;
  if (std::filesystem::exists(config.state_path)) {
    state = std::make_unique<state::StateStore>(config.state_path, state::StateStore::Mode::ReadOnly);
  }
  RunReport report;
  for (const auto* connector : selected) {
    ConnectorOutcome outcome{connector->name, connector->owner, {}, false, {}};
    try {
      auto instance = registry.create(*connector, config);
      const PollContext context{*connector, config, *policy, registry.find(connector->type)->stripped_tags};
      const PollReport polled = poll_into_directory(*instance, context, state.get(), dir, now_unix());
      outcome.counters = polled.counters;
      outcome.not_modified = polled.not_modified;
    } catch (const config::ConfigError&) {
      throw;
    } catch (const state::StateError&) {
      throw;
    } catch (const std::exception& error) {
      outcome.error = error.what();
    }
    telemetry::log_poll(outcome, "documents written (dry run)");
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
  if (options.dry_run_dir) return dry_run(config, registry, selected, *options.dry_run_dir);

  std::vector<std::unique_ptr<Connector>> connectors;
  for (const auto* connector : selected) connectors.push_back(registry.create(*connector, config));
  const std::unique_ptr<Policy> policy = build_policy(config);
  const state::StateLock lock(config.state_path);
  state::StateStore state(config.state_path, state::StateStore::Mode::ReadWrite);
  if (const auto discarded = state.discard_abandoned_runs(); discarded > 0) {
    spdlog::info("state: {} batches of polls interrupted before their commit were discarded; those polls run again",
                 discarded);
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

  const auto api = connect_platform(config);
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
      report.connectors.push_back({connector->name, connector->owner, {}, false, why});
    return finish();
  }

  for (std::size_t i = 0; i < selected.size(); ++i) {
    const auto& connector = *selected[i];
    ConnectorOutcome outcome{connector.name, connector.owner, {}, false, {}};
    try {
      // docs/threatconnect.md, Owners: nothing is queued for an owner the API user cannot write to.
      checker.check(connector.owner);
      ConnectorMemory memory;
      const PollContext context{connector, config, *policy, registry.find(connector.type)->stripped_tags};
      const PollReport polled = poll_into_outbox(*connectors[i], context, state, memory, now_unix());
      outcome.counters = polled.counters;
      outcome.not_modified = polled.not_modified;
    } catch (const state::StateError&) {
      throw;
    } catch (const std::exception& error) {
      outcome.error = error.what();
    }
    telemetry::log_poll(outcome, "batches queued");
    report.connectors.push_back(std::move(outcome));
  }

  OutboxSender sender(*api, state, config.batch);
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
    if (drain_owner(sender, state, outcome) == AfterOutcome::AllStopped) stopped_all = outcome.error;
  }
  return finish();
}

}  // namespace tcfeed::pipeline
