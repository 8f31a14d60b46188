// `tcfeed check-config`: the same load and validation `run` does (validated_config.hpp: every
// connector built, every secret reference read), then, online, the credentials and the owners
// checked as the daemon checks them before it queues anything. Every check runs before a verdict
// is printed, so "valid" is never followed by a refusal of the same file.
#include <cstdio>
#include <string>
#include <vector>

#include "connectors/builtin_connectors.hpp"
#include "daemon/commands.hpp"
#include "lib/core/counted.hpp"
#include "lib/exports/export_service.hpp"
#include "lib/pipeline/delivery/owner_check.hpp"
#include "lib/pipeline/delivery/platform.hpp"
#include "lib/pipeline/engine/validated_config.hpp"
#include "lib/pipeline/stream/policy.hpp"

namespace tcfeed::cli {
namespace {

// "FILE:LINE: connectors[0].owner" for a connector's key, as config errors write it.
std::string located(const config::Config& config, const config::ConnectorConfig& connector, const char* key) {
  const YAML::Node value = connector.node[key];
  const int line = value.IsDefined() ? value.Mark().line + 1 : connector.node.Mark().line + 1;
  return config.file + ":" + std::to_string(line) + ": " + connector.yaml_path + "." + key;
}

}  // namespace

int check_config(const std::string& path, bool offline) {
  // Throws config::ConfigError (exit 2) with file, line and key; nothing is printed before.
  const config::Config config = pipeline::load_validated_config(path, pipeline::builtin_connectors());
  const auto policy = pipeline::build_policy(config);
  for (const auto& entry : config.exports) exports::never_block_list(config, entry);  // a bad `never` entry: exit 2
  const std::string summary =
      counted(config.connectors.size(), "connector", "connectors") + ", " +
      counted(config.exports.size(), "export", "exports") +
      (config.exports_listener ? " served over TLS on " + config.exports_listener->listen : "") + ", " +
      counted(policy->allowlist.size(), "allowlist entry", "allowlist entries") + ", " +
      counted(policy->attack_catalog.size(), "ATT&CK technique", "ATT&CK techniques") + " known offline";
  if (offline) {
    std::printf("%s: valid (%s; offline: credentials and owners not checked)\n", path.c_str(), summary.c_str());
    return kExitOk;
  }

  auto api = pipeline::connect_platform(config);
  pipeline::OwnerChecker owners;
  owners.load(*api);  // refused credentials or an unreachable platform throw: exit 1, no verdict
  std::vector<std::string> problems;
  for (const auto& connector : config.connectors) {
    if (auto why = owners.problem(connector.owner))
      problems.push_back(located(config, connector, "owner") + ": " + *why);
  }
  for (const auto& entry : config.exports) {
    for (const auto& owner : entry.owners) {
      if (auto why = owners.read_problem(owner)) {
        problems.push_back(config.file + ":" + std::to_string(entry.line) + ": exports." + entry.name +
                           ".owners: " + *why);
      }
    }
  }
  if (!problems.empty()) {
    for (const auto& problem : problems) std::fprintf(stderr, "%s\n", problem.c_str());
    std::fprintf(stderr, "%s: not valid: %s\n", path.c_str(), counted(problems.size(), "problem", "problems").c_str());
    return kExitUsage;
  }
  std::printf("%s: valid (%s); %s: credentials accepted, the API user sees %s\n", path.c_str(), summary.c_str(),
              config.threatconnect.base_url.c_str(), counted(owners.owner_count(), "owner", "owners").c_str());
  return kExitOk;
}

}  // namespace tcfeed::cli
