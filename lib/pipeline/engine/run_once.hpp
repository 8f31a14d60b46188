#pragma once
// One cycle of every selected connector into the outbox, then the outbox of their owners drained
// to the platform and waited for (`tcfeed run --once`); or, with `--dry-run DIR`, the documents
// written to DIR instead, without writing the state file.
#include <optional>
#include <string>
#include <vector>

#include "lib/config/config.hpp"
#include "lib/pipeline/connector/connector_registry.hpp"
#include "lib/pipeline/delivery/owner_outcome.hpp"
#include "lib/pipeline/run/connector_outcome.hpp"

namespace tcfeed::pipeline {

struct RunOptions {
  std::vector<std::string> connectors;  // empty: all
  std::optional<std::string> dry_run_dir;
  // With dry_run_dir: ignore the state file's seen sets and cursors (`--from-scratch`), and write
  // each connector's audit file beside its documents unless `audit` is false (`--no-audit`).
  bool from_scratch = false;
  bool audit = true;
};

struct RunReport {
  std::vector<ConnectorOutcome> connectors;
  std::vector<OwnerOutcome> owners;
  // Exit codes (docs/threatconnect.md, Command line and exit codes): 0 all delivered, 3 delivered
  // but the platform rejected some, 1 a failure or something left undelivered.
  int exit_code() const;
};

// Throws config::ConfigError for a bad connector entry or an unknown --connector name, and
// state::StateError / state::StateLockedError when the state file cannot be used.
RunReport run_once(const config::Config& config, const ConnectorRegistry& registry, const RunOptions& options);

}  // namespace tcfeed::pipeline
