#include "daemon/config_path.hpp"

namespace tcfeed::cli {

std::string ConfigPath::origin_text() const {
  switch (origin) {
    case Origin::Flag: return "--config";
    case Origin::Environment: return kConfigEnv;
    case Origin::Default: return "the default";
  }
  return "the default";
}

ConfigPath resolve_config_path(const std::optional<std::string>& flag, const char* environment) {
  if (flag && !flag->empty()) return {*flag, ConfigPath::Origin::Flag};
  if (environment != nullptr && *environment != '\0') return {environment, ConfigPath::Origin::Environment};
  return {kDefaultConfigPath, ConfigPath::Origin::Default};
}

}  // namespace tcfeed::cli
