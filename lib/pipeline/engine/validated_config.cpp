#include "lib/pipeline/engine/validated_config.hpp"

#include <stdexcept>

#include <spdlog/spdlog.h>

#include "lib/config/config_error.hpp"
#include "lib/net/http_server.hpp"

namespace tcfeed::pipeline {

config::Config load_validated_config(const std::string& path, const ConnectorRegistry& registry,
                                     const config::LoadOptions& options) {
  config::Config config = config::load_config(path, registry.keys_lookup(), options);
  try {
    net::parse_listen_address(config.http_listen);
  } catch (const std::invalid_argument& error) {
    throw config::ConfigError(path + ": http.listen: " + error.what());
  }
  for (auto& connector : config.connectors) {
    registry.create(connector, config);
    const ConnectorType* type = registry.find(connector.type);
    if (type != nullptr && type->public_cadence) {
      if (auto notice = clamp_to_public_cadence(connector, *type->public_cadence, path)) {
        spdlog::warn("{}", *notice);
      }
    }
  }
  return config;
}

}  // namespace tcfeed::pipeline
