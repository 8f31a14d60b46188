#include <cstdio>
#include <set>

#include "connectors/builtin_connectors.hpp"
#include "daemon/commands.hpp"
#include "lib/pipeline/delivery/platform.hpp"
#include "lib/pipeline/engine/validated_config.hpp"
#include "lib/pipeline/stream/policy.hpp"
#include "lib/threatconnect/owners.hpp"

namespace tcfeed::cli {

int check_config(const std::string& path, bool offline) {
  const config::Config config = pipeline::load_validated_config(path, pipeline::builtin_connectors());
  const auto policy = pipeline::build_policy(config);
  std::printf("%s: valid (%zu connectors, %zu allowlist entries, %zu ATT&CK techniques known offline)\n", path.c_str(),
              config.connectors.size(), policy->allowlist.size(), policy->attack_catalog.size());
  if (offline) return kExitOk;

  auto api = pipeline::connect_platform(config);
  std::set<std::string, std::less<>> owners;
  for (auto& owner : threatconnect::list_owners(*api)) owners.insert(std::move(owner.name));
  std::printf("%s: credentials accepted; the API user sees %zu owners\n", config.threatconnect.base_url.c_str(),
              owners.size());
  int result = kExitOk;
  for (const auto& connector : config.connectors) {
    if (!owners.contains(connector.owner)) {
      std::fprintf(stderr, "%s: %s.owner: '%s' is not among the owners the API user can see\n", path.c_str(),
                   connector.yaml_path.c_str(), connector.owner.c_str());
      result = kExitUsage;
    }
  }
  return result;
}

}  // namespace tcfeed::cli
