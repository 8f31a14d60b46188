#pragma once
// What a reload changes (docs/architecture.md, Reload (SIGHUP)): per connector, whether it was
// added, removed or changed and which keys; and which settings outside `connectors` changed. Only
// key names are ever reported, never values: a value may be a secret's location, and the log is
// read by more people than the configuration.
#include <string>
#include <vector>

#include "lib/config/config.hpp"

namespace tcfeed::pipeline {

struct ConnectorChange {
  enum class Kind { Added, Removed, Changed };
  std::string name;
  Kind kind = Kind::Changed;
  std::vector<std::string> keys;  // Changed: the keys added, removed or given another value ("schedule.every")
};

struct ConfigDiff {
  std::vector<ConnectorChange> connectors;  // in the new file's order, then the removed ones
  std::vector<std::string> unchanged;       // connectors left running as they are
  // Settings every connector and sender uses (threatconnect, batch, allowlist, …): a change
  // restarts them all. A secret whose reference is the same but whose content changed counts.
  std::vector<std::string> engine_keys;
  // Settings of the daemon around the engine (http, log_level, shutdown_grace): applied without
  // restarting any connector.
  std::vector<std::string> daemon_keys;

  bool restarts_everything() const { return !engine_keys.empty(); }
  bool connectors_changed() const { return !connectors.empty(); }
};

ConfigDiff diff_configs(const config::Config& running, const config::Config& next);

// "added", "removed" or "changed (schedule.every, url)".
std::string describe(const ConnectorChange& change);

}  // namespace tcfeed::pipeline
