// The connector types built into tcfeed. A new source is one folder under connectors/ and one
// line here.
#include "connectors/text/text_connector.hpp"
#include "connectors/urlhaus/urlhaus_connector.hpp"
#include "lib/pipeline/connector_registry.hpp"

namespace tcfeed::pipeline {

const ConnectorRegistry& builtin_connectors() {
  static const ConnectorRegistry registry = [] {
    ConnectorRegistry built;
    built.add(connectors::text_connector_type());
    built.add(connectors::urlhaus_connector_type());
    return built;
  }();
  return registry;
}

}  // namespace tcfeed::pipeline
