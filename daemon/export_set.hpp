#pragma once
// The daemon's exports (docs/exports.md, Reload): one ExportService per export, so that a reload
// (SIGHUP) adds, removes or replaces one export while the others go on refreshing and serving
// untouched. The HTTP thread finds an export here; what it found stays alive for its request even
// when a reload removes the export meanwhile.
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "lib/config/config.hpp"
#include "lib/exports/export_service.hpp"
#include "lib/state/state_store.hpp"
#include "lib/telemetry/metrics.hpp"

namespace tcfeed::daemon {

class ExportSet {
 public:
  // An export as the HTTP thread holds it for one request.
  struct Found {
    std::shared_ptr<const exports::ExportService> service;  // keeps `runner` alive
    const exports::ExportRunner* runner = nullptr;
  };

  // `state` and `metrics` outlive the set.
  ExportSet(state::StateStore& state, telemetry::Metrics& metrics);
  ~ExportSet();  // stop()
  ExportSet(const ExportSet&) = delete;
  ExportSet& operator=(const ExportSet&) = delete;

  // Makes the exports those of `config`, each restored from the state file (docs/exports.md,
  // Restarts). On a reload: an export whose settings, the allowlist and the ThreatConnect
  // settings are unchanged is left running; a changed one is stopped (a refresh in flight is
  // awaited), restored again under its new settings — so a new format or never-block list is
  // served at once — and, when its filters changed, read in full at its next refresh, which
  // starts at once; a removed one stops being served. Checks every new export's never-block
  // list first: a ConfigError changes nothing. Call from one thread (the daemon's main loop).
  void apply(const std::shared_ptr<const config::Config>& config);
  // Builds every export's never-block list of `config`: throws the ConfigError apply() would.
  static void check(const config::Config& config);
  // Starts the refreshes (and those of every export apply() adds later).
  void start();
  void stop();

  // Thread-safe.
  Found find(std::string_view name) const;
  std::vector<exports::ExportStatus> statuses() const;
  bool empty() const;

 private:
  struct Export {
    std::string name;
    std::shared_ptr<const config::Config> config;  // the file it was built from
    const config::ExportConfig* entry = nullptr;   // within `config`
    std::shared_ptr<exports::ExportService> service;
  };
  std::shared_ptr<exports::ExportService> build(const std::shared_ptr<const config::Config>& config,
                                                const config::ExportConfig& entry);

  state::StateStore& state_;
  telemetry::Metrics& metrics_;
  bool started_ = false;  // main thread only, like applied_
  bool applied_ = false;
  mutable std::mutex mutex_;     // guards exports_ against the HTTP thread (a leaf lock: held to copy)
  std::vector<Export> exports_;  // in the configuration's order; written by the main thread only
};

}  // namespace tcfeed::daemon
