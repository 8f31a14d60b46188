#include "lib/pipeline/run_once.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <spdlog/spdlog.h>

#include "lib/config/config_error.hpp"
#include "lib/net/https_client.hpp"
#include "lib/pipeline/batch_split.hpp"
#include "lib/pipeline/indicator_collector.hpp"
#include "lib/pipeline/platform.hpp"
#include "lib/pipeline/policy.hpp"
#include "lib/pipeline/source_fetch.hpp"
#include "lib/state/state_store.hpp"
#include "lib/threatconnect/owners.hpp"

namespace tcfeed::pipeline {
namespace {

std::vector<const config::ConnectorConfig*> select_connectors(const config::Config& config, const RunOptions& options) {
  std::vector<const config::ConnectorConfig*> selected;
  for (const auto& name : options.connectors) {
    const auto found = std::find_if(config.connectors.begin(), config.connectors.end(),
                                    [&](const auto& connector) { return connector.name == name; });
    if (found == config.connectors.end()) {
      throw config::ConfigError("--connector " + name + ": no connector of that name in " + config.file);
    }
  }
  for (const auto& connector : config.connectors) {
    if (options.connectors.empty() ||
        std::find(options.connectors.begin(), options.connectors.end(), connector.name) != options.connectors.end()) {
      selected.push_back(&connector);
    }
  }
  return selected;
}

void write_dry_run(const std::string& dir, const config::Config& config, ConnectorOutcome& outcome,
                   const std::vector<indicators::Indicator>& items) {
  std::filesystem::create_directories(dir);
  std::size_t number = 0;
  split_into_documents(
      items, static_cast<std::size_t>(config.batch.max_indicators), static_cast<std::size_t>(config.batch.max_bytes),
      [&](std::string&& document, std::size_t, std::size_t) {
        char name[64];
        std::snprintf(name, sizeof name, "-%05zu.json", number++);
        const auto path = std::filesystem::path(dir) / (outcome.name + name);
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << document;
        if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
        ++outcome.counters.jobs;
      },
      [&](const indicators::Indicator&) { ++outcome.counters.rejected["larger than batch.max_bytes on its own"]; });
}

// DESIGN §2 rule 1: the owner must exist, and (where the instance says) the API user must be
// allowed to write indicators there — checked before any job is created.
void check_owner(const std::string& owner, const std::set<std::string, std::less<>>& owners,
                 const std::optional<std::map<std::string, std::string, std::less<>>>& permissions) {
  if (!owners.contains(owner)) {
    throw std::runtime_error("owner '" + owner +
                             "' is not among the owners the API user can see (tcfeed owners lists them); "
                             "connector paused");
  }
  if (!permissions) return;
  const auto found = permissions->find(owner);
  // Only the values that plainly deny writing stop the connector; anything else is left to the
  // platform to judge per job.
  if (found != permissions->end() && (found->second == "READ" || found->second == "NONE")) {
    throw std::runtime_error("the API user may not write indicators to owner '" + owner + "' (permIndicator " +
                             found->second + "); grant it in ThreatConnect");
  }
}

void log_outcome(const ConnectorOutcome& outcome, bool dry_run) {
  const auto& c = outcome.counters;
  if (!outcome.error.empty()) {
    spdlog::error("connector {}: {}", outcome.name, outcome.error);
    return;
  }
  if (outcome.not_modified) {
    spdlog::info("connector {}: source not modified since the last run; nothing to do", outcome.name);
    return;
  }
  std::size_t rejected = 0;
  for (const auto& [reason, count] : c.rejected) {
    rejected += count;
    spdlog::info("connector {}: {} rejected: {}", outcome.name, count, reason);
  }
  for (const auto& [reason, count] : c.unmapped) spdlog::info("connector {}: {} records unmapped: {}", outcome.name, count, reason);
  std::size_t dropped = 0;
  for (const auto& [reason, count] : c.dropped) {
    dropped += count;
    spdlog::info("connector {}: {} dropped by policy: {}", outcome.name, count, reason);
  }
  if (c.clamped > 0) spdlog::info("connector {}: {} ratings or confidences out of range, sent clamped", outcome.name, c.clamped);
  if (c.attack_unknown > 0) {
    spdlog::warn("connector {}: {} ATT&CK technique ids unknown to the catalog were dropped "
                 "(threatconnect.attack_bundle gives the names offline)", outcome.name, c.attack_unknown);
  }
  if (dry_run) {
    spdlog::info("connector {}: {} records, {} indicators, {} rejected, {} dropped, {} duplicates; {} documents "
                 "written (dry run)", outcome.name, c.records, c.indicators, rejected, dropped, c.duplicates, c.jobs);
  } else {
    spdlog::info("connector {}: {} records, {} indicators, {} rejected, {} dropped, {} duplicates; owner '{}': {} "
                 "delivered, {} rejected by the platform, {} undelivered in {} jobs",
                 outcome.name, c.records, c.indicators, rejected, dropped, c.duplicates, outcome.owner, c.delivered,
                 c.rejected_by_platform, c.undelivered, c.jobs);
  }
  if (c.records == 0) spdlog::warn("connector {}: the source had no records at all", outcome.name);
}

}  // namespace

int RunReport::exit_code() const {
  bool platform_rejected = false;
  for (const auto& outcome : connectors) {
    if (!outcome.error.empty() || outcome.counters.undelivered > 0) return 1;
    if (outcome.counters.rejected_by_platform > 0) platform_rejected = true;
  }
  return platform_rejected ? 3 : 0;
}

RunReport run_once(const config::Config& config, const ConnectorRegistry& registry, const RunOptions& options) {
  const auto selected = select_connectors(config, options);
  std::vector<std::unique_ptr<Connector>> connectors;
  for (const auto* connector : selected) connectors.push_back(registry.create(*connector, config));

  const std::unique_ptr<Policy> policy = build_policy(config);
  const bool dry_run = options.dry_run_dir.has_value();
  std::unique_ptr<state::StateStore> state;
  if (!dry_run) {
    state = std::make_unique<state::StateStore>(config.state_path, state::StateStore::Mode::ReadWrite);
  } else if (std::filesystem::exists(config.state_path)) {
    state = std::make_unique<state::StateStore>(config.state_path, state::StateStore::Mode::ReadOnly);
  }

  std::unique_ptr<threatconnect::ApiClient> api;
  std::set<std::string, std::less<>> owners;
  std::optional<std::map<std::string, std::string, std::less<>>> permissions;
  std::string platform_error;  // set: nothing is sent this run (credentials, or ThreatConnect unreachable)
  if (!dry_run && !selected.empty()) {
    api = connect_platform(config);
    try {
      for (auto& owner : threatconnect::list_owners(*api)) owners.insert(std::move(owner.name));
      permissions = threatconnect::indicator_permissions(*api);
      add_platform_attack_names(*policy, config, *api, *state);
    } catch (const std::exception& error) {
      platform_error = std::string("cannot start delivery: ") + error.what();
    }
  }
  std::map<std::string, std::string, std::less<>> stopped_owners;  // owner → why

  RunReport report;
  for (std::size_t i = 0; i < selected.size(); ++i) {
    const auto& connector = *selected[i];
    ConnectorOutcome outcome;
    outcome.name = connector.name;
    outcome.owner = connector.owner;
    try {
      if (!platform_error.empty()) throw std::runtime_error(platform_error);
      if (auto stopped = stopped_owners.find(connector.owner); stopped != stopped_owners.end()) {
        throw std::runtime_error("owner '" + connector.owner + "' stopped earlier in this run: " + stopped->second);
      }
      if (!dry_run) check_owner(connector.owner, owners, permissions);
      const state::Cursor previous = state ? state->cursor(connector.name).value_or(state::Cursor{}) : state::Cursor{};
      IndicatorCollector collector(connector, config, *policy, registry.find(connector.type)->stripped_tags,
                                   outcome.counters);
      const PollResult polled = connectors[i]->poll(previous, collector);
      outcome.counters.records = polled.records;
      outcome.not_modified = polled.not_modified;
      if (!polled.not_modified) {
        if (dry_run) {
          write_dry_run(*options.dry_run_dir, config, outcome, collector.indicators());
        } else {
          threatconnect::BatchSettings settings;
          settings.owner = connector.owner;
          settings.attribute_write_type = connector.attribute_write_type;
          settings.tag_write_type = connector.tag_write_type;
          settings.security_label_write_type = connector.security_label_write_type;
          BatchSender sender(*api, config.batch);
          outcome.rejections = sender.deliver(settings, collector.indicators(), outcome.counters);
        }
      }
      // The cursor moves only once everything it covers is at the platform (or refused by it).
      if (!dry_run && outcome.counters.undelivered == 0) state->save_cursor(connector.name, polled.next);
    } catch (const state::StateError&) {
      throw;
    } catch (const threatconnect::StopError& stop) {
      outcome.error = std::string("sending stopped, data kept: ") + stop.what();
      if (stop.scope() == threatconnect::Outcome::StopAll) platform_error = outcome.error;
      else stopped_owners.emplace(connector.owner, stop.what());
    } catch (const std::exception& error) {
      outcome.error = error.what();
    }
    log_outcome(outcome, dry_run);
    report.connectors.push_back(std::move(outcome));
  }
  return report;
}

}  // namespace tcfeed::pipeline
