#include "lib/pipeline/connector/connector_registry.hpp"

#include <stdexcept>

namespace tcfeed::pipeline {

void ConnectorRegistry::add(ConnectorType type) {
  if (find(type.name) != nullptr) throw std::logic_error("connector type registered twice: " + type.name);
  types_.push_back(std::move(type));
}

const ConnectorType* ConnectorRegistry::find(std::string_view name) const {
  for (const auto& type : types_) {
    if (type.name == name) return &type;
  }
  return nullptr;
}

config::ConnectorKeysLookup ConnectorRegistry::keys_lookup() const {
  return [this](std::string_view name) -> const std::vector<config::KeySpec>* {
    const ConnectorType* type = find(name);
    return type ? &type->keys : nullptr;
  };
}

std::unique_ptr<Connector> ConnectorRegistry::create(const config::ConnectorConfig& connector,
                                                     const config::Config& global) const {
  const ConnectorType* type = find(connector.type);
  if (type == nullptr) throw config::ConfigError("unknown connector type " + connector.type);
  config::MapReader keys(connector.node, global.file, connector.yaml_path);
  ConnectorContext context{connector, global, keys};
  auto created = type->create(context);
  if (connector.expire_after && created->full_list()) {
    // A full list says on every poll what left it (`removed`, guarded against truncated
    // downloads); "not mentioned for a while" would only repeat that, later and unguarded.
    keys.fail("expire_after",
              "applies to incremental feeds only; this connector reads the whole list every poll: "
              "use removed: deactivate for what leaves it");
  }
  return created;
}

}  // namespace tcfeed::pipeline
