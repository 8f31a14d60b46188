#pragma once
// `text`: one value per line, `#` comments — hash lists, IP blocklists, URL lists.
#include "lib/pipeline/connector/connector_registry.hpp"

namespace tcfeed::connectors {

pipeline::ConnectorType text_connector_type();

}  // namespace tcfeed::connectors
