#include "lib/pipeline/validated_config.hpp"

namespace tcfeed::pipeline {

config::Config load_validated_config(const std::string& path, const ConnectorRegistry& registry,
                                     const config::LoadOptions& options) {
  config::Config config = config::load_config(path, registry.keys_lookup(), options);
  for (const auto& connector : config.connectors) registry.create(connector, config);
  return config;
}

}  // namespace tcfeed::pipeline
