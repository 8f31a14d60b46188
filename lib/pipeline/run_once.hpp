#pragma once
// One cycle of every selected connector into the outbox, then the outbox of their owners drained
// to the platform and waited for (`tcfeed run --once`); or, with `--dry-run DIR`, the documents
// written to DIR instead, without writing the state file.
#include <optional>
#include <string>
#include <vector>

#include "lib/config/config.hpp"
#include "lib/pipeline/connector_registry.hpp"
#include "lib/pipeline/counters.hpp"

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
  std::string error;  // why the poll failed; empty on success
};

struct OwnerOutcome {
  std::string owner;
  std::int64_t delivered = 0;
  std::int64_t rejected = 0;         // new dead letters
  std::int64_t jobs = 0;
  std::int64_t pending_batches = 0;  // left in the outbox
  std::int64_t pending_indicators = 0;
  std::string error;                 // why sending stopped or last failed
};

struct RunReport {
  std::vector<ConnectorOutcome> connectors;
  std::vector<OwnerOutcome> owners;
  // DESIGN §4: 0 all delivered, 3 delivered but the platform rejected some, 1 a failure or
  // something left undelivered.
  int exit_code() const;
};

// Throws config::ConfigError for a bad connector entry or an unknown --connector name, and
// state::StateError / state::StateLockedError when the state file cannot be used.
RunReport run_once(const config::Config& config, const ConnectorRegistry& registry, const RunOptions& options);

}  // namespace tcfeed::pipeline
