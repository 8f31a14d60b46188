// The connector types built into tcfeed. A new source is one folder under connectors/ and one
// line here.
#include "connectors/builtin_connectors.hpp"

#include "connectors/feodo/feodo_connector.hpp"
#include "connectors/generic/csv_connector.hpp"
#include "connectors/generic/json_connector.hpp"
#include "connectors/malwarebazaar/malwarebazaar_connector.hpp"
#include "connectors/misp/misp_api_connector.hpp"
#include "connectors/misp/misp_feed_connector.hpp"
#include "connectors/openphish/openphish_connector.hpp"
#include "connectors/otx/otx_connector.hpp"
#include "connectors/spamhaus/spamhaus_connector.hpp"
#include "connectors/taxii/taxii_connector.hpp"
#include "connectors/text/text_connector.hpp"
#include "connectors/threatfox/threatfox_connector.hpp"
#include "connectors/urlhaus/urlhaus_connector.hpp"
#include "lib/pipeline/connector/connector_registry.hpp"

namespace tcfeed::pipeline {

const ConnectorRegistry& builtin_connectors() {
  static const ConnectorRegistry registry = [] {
    ConnectorRegistry built;
    built.add(connectors::text_connector_type());
    built.add(connectors::urlhaus_connector_type());
    built.add(connectors::malwarebazaar_connector_type());
    built.add(connectors::csv_connector_type());
    built.add(connectors::json_connector_type());
    built.add(connectors::threatfox_connector_type());
    built.add(connectors::feodo_connector_type());
    built.add(connectors::spamhaus_connector_type());
    built.add(connectors::openphish_connector_type());
    built.add(connectors::taxii_connector_type());
    built.add(connectors::otx_connector_type());
    built.add(connectors::misp_feed_connector_type());
    built.add(connectors::misp_api_connector_type());
    return built;
  }();
  return registry;
}

}  // namespace tcfeed::pipeline
