#pragma once
// Connector types found by name: each type owns its config schema (the keys `tcfeed connectors`
// documents and the config loader accepts) and a factory.
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lib/config/config.hpp"
#include "lib/config/map_reader.hpp"
#include "lib/pipeline/connector/connector.hpp"
#include "lib/pipeline/connector/public_cadence.hpp"

namespace tcfeed::pipeline {

struct ConnectorContext {
  const config::ConnectorConfig& connector;
  const config::Config& global;
  // The connector's own keys, located for errors; the factory reads its keys from it.
  config::MapReader& keys;
};

struct ConnectorType {
  std::string name;
  std::string description;
  std::vector<config::KeySpec> keys;
  // The feed's and vendor's own names: never sent as tags, the owner carries them
  // (docs/threatconnect.md, Tags and security labels).
  std::vector<std::string> stripped_tags;
  // The public source's documented minimum poll interval, for the types that have one.
  std::optional<PublicCadence> public_cadence;
  // Validates the type's keys (throwing config::ConfigError) and builds the connector.
  std::function<std::unique_ptr<Connector>(ConnectorContext&)> create;
};

class ConnectorRegistry {
 public:
  void add(ConnectorType type);
  const ConnectorType* find(std::string_view name) const;
  const std::vector<ConnectorType>& types() const { return types_; }
  config::ConnectorKeysLookup keys_lookup() const;

  // Builds the connector a config entry describes; throws config::ConfigError.
  std::unique_ptr<Connector> create(const config::ConnectorConfig& connector, const config::Config& global) const;

 private:
  std::vector<ConnectorType> types_;
};

}  // namespace tcfeed::pipeline
