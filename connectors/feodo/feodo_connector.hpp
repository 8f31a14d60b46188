#pragma once
// `feodo`: abuse.ch Feodo Tracker's botnet C2 IP blocklist (feeds.md B.3),
// ipblocklist.json or .csv, from https:// or file://. A full list with snapshot
// semantics: every poll reads the whole list; the cursor is the HTTP validators
// (ETag / Last-Modified) only, no id.
#include <cstddef>
#include <memory>
#include <string>

#include "connectors/feodo/feodo_mapper.hpp"
#include "lib/pipeline/connector_registry.hpp"
#include "lib/pipeline/decompress.hpp"

namespace tcfeed::connectors::feodo {

struct FeodoSettings {
  std::string url;
  bool include_offline = true;
  std::string ca_file;
  std::size_t max_bytes = 64u << 20;
  pipeline::DecompressLimits decompress;
};

std::unique_ptr<pipeline::Connector>
make_feodo_connector(FeodoSettings settings);

} // namespace tcfeed::connectors::feodo

namespace tcfeed::connectors {

pipeline::ConnectorType feodo_connector_type();

} // namespace tcfeed::connectors
