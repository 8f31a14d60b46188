#include "tests/unit/engine/engine_rig.hpp"

#include <fstream>

#include "connectors/builtin_connectors.hpp"
#include "lib/pipeline/engine/validated_config.hpp"

namespace tcfeed::pipeline::testing {

std::string write_engine_config(const tcfeed::testing::SandboxProcess& sandbox, const std::string& connectors) {
  const std::string path = sandbox.dir() + "/tcfeed.yaml";
  std::ofstream(path) << "threatconnect:\n"
                      << "  base_url: " << sandbox.base_url() << "\n"
                      << "  access_id: \"" << tcfeed::testing::SandboxProcess::kAccessId << "\"\n"
                      << "  secret_key_file: " << sandbox.secret_file() << "\n"
                      << "  ca_file: " << sandbox.ca_file() << "\n"
                      << "state:\n  path: " << sandbox.dir() << "/state.db\n"
                      << "batch:\n  jobs_in_flight: 1\n  poll_interval: 1s\n"
                      << "connectors:\n"
                      << connectors;
  return path;
}

void write_hosts_feed(const std::string& path, int count) {
  std::ofstream feed(path);
  for (int i = 0; i < count; ++i) feed << "host-" << i << ".engine.example\n";
}

EngineRig::EngineRig(const tcfeed::testing::SandboxProcess& sandbox, const std::string& connectors,
                     std::int64_t start_unix)
    : config(load_validated_config(write_engine_config(sandbox, connectors), builtin_connectors())),
      state(config.state_path, state::StateStore::Mode::ReadWrite),
      clock(start_unix),
      engine(config, builtin_connectors(), state, events, clock) {}

EngineRig::~EngineRig() { engine.stop(std::chrono::seconds(10)); }

}  // namespace tcfeed::pipeline::testing
