#include "lib/pipeline/engine/validated_config.hpp"

#include <stdexcept>

#include <spdlog/spdlog.h>

#include "lib/config/config_error.hpp"
#include "lib/config/map_reader.hpp"
#include "lib/core/secret.hpp"
#include "lib/net/http_server.hpp"

namespace tcfeed::pipeline {
namespace {

std::optional<SecretRef::Kind> reference_kind(std::string_view key) {
  const auto ends_with = [&](std::string_view suffix) {
    return key.size() > suffix.size() && key.substr(key.size() - suffix.size()) == suffix;
  };
  if (ends_with("_file")) return SecretRef::Kind::File;
  if (ends_with("_env")) return SecretRef::Kind::Env;
  if (ends_with("_credential")) return SecretRef::Kind::Credential;
  return std::nullopt;
}

// A connector reads its secrets at each poll (a rotated key needs no restart), so nothing else
// would notice an unset variable or a missing file before the first poll failed: read each one
// now and let it go. A file:// source is sent no credentials and reads none (source_access.hpp),
// so a saved export replays with the live block on a machine without the key.
void resolve_connector_secrets(const config::ConnectorConfig& connector, const ConnectorType& type,
                               const std::string& path) {
  const YAML::Node url = connector.node["url"];
  if (url.IsScalar() && url.Scalar().rfind("file://", 0) == 0) return;
  config::MapReader keys(connector.node, path, connector.yaml_path);
  for (const auto& spec : type.keys) {
    if (spec.kind != "secret" || !keys.has(spec.name)) continue;
    const auto kind = reference_kind(spec.name);
    const YAML::Node value = connector.node[spec.name];
    if (!kind || !value.IsScalar()) continue;
    try {
      read_secret(SecretRef{*kind, value.Scalar()});
    } catch (const SecretError& error) {
      keys.fail(spec.name, error.what());  // names the reference, never a value
    }
  }
}

}  // namespace

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
    if (type != nullptr && options.read_secrets && options.read_connector_secrets) {
      resolve_connector_secrets(connector, *type, path);
    }
    if (type != nullptr && type->public_cadence) {
      if (auto notice = clamp_to_public_cadence(connector, *type->public_cadence, path)) {
        spdlog::warn("{}", *notice);
      }
    }
  }
  return config;
}

}  // namespace tcfeed::pipeline
