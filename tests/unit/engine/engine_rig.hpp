#pragma once
// An Engine as the daemon runs it — built-in connectors, a real state file, real TLS to
// tcfeed-sandbox — on a ManualClock, with the configuration written the way an operator writes it.
#include <chrono>
#include <cstdint>
#include <string>

#include "lib/config/config.hpp"
#include "lib/pipeline/engine/engine.hpp"
#include "lib/state/state_store.hpp"
#include "lib/telemetry/metrics.hpp"
#include "lib/telemetry/telemetry_events.hpp"
#include "tests/support/sandbox_process.hpp"
#include "tests/unit/engine/manual_clock.hpp"

namespace tcfeed::pipeline::testing {

inline constexpr const char* kOwner = "Demo Organization";

// The configuration file for `connectors` (YAML list items): one sender per owner, job status
// polled every second.
std::string write_engine_config(const tcfeed::testing::SandboxProcess& sandbox, const std::string& connectors);

// `count` host names, one per line: a text feed.
void write_hosts_feed(const std::string& path, int count);

struct EngineRig {
  EngineRig(const tcfeed::testing::SandboxProcess& sandbox, const std::string& connectors, std::int64_t start_unix);
  ~EngineRig();  // stops the engine if the test did not

  const ConnectorStatus& connector(const StatusSnapshot& snapshot) const { return snapshot.connectors.at(0); }

  config::Config config;
  state::StateStore state;
  telemetry::Metrics metrics;
  telemetry::TelemetryEvents events{metrics};
  ManualClock clock;
  Engine engine;  // last: gone before what it uses
};

}  // namespace tcfeed::pipeline::testing
