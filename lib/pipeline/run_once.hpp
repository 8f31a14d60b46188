#pragma once
// One cycle of every selected connector, delivered and waited for (`tcfeed run --once`), or
// written to a directory instead of sent (`--dry-run DIR`, which never writes the state file).
#include <optional>
#include <string>
#include <vector>

#include "lib/config/config.hpp"
#include "lib/pipeline/connector_registry.hpp"
#include "lib/pipeline/counters.hpp"
#include "lib/pipeline/sender.hpp"

namespace tcfeed::pipeline {

struct RunOptions {
  std::vector<std::string> connectors;  // empty: all
  std::optional<std::string> dry_run_dir;
};

struct ConnectorOutcome {
  std::string name;
  std::string owner;
  RunCounters counters;
  bool not_modified = false;
  std::string error;  // why the run of this connector failed; empty on success
  std::vector<Rejection> rejections;
};

struct RunReport {
  std::vector<ConnectorOutcome> connectors;
  // DESIGN §4: 0 all delivered, 3 delivered but the platform rejected some, 1 a failure or
  // something left undelivered.
  int exit_code() const;
};

// Throws config::ConfigError for a bad connector entry or an unknown --connector name.
RunReport run_once(const config::Config& config, const ConnectorRegistry& registry, const RunOptions& options);

}  // namespace tcfeed::pipeline
