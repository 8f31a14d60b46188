#pragma once
// `feodo`: abuse.ch Feodo Tracker's botnet C2 IP blocklist (docs/feeds.md, Feodo Tracker),
// ipblocklist.json or .csv, from https:// or file://. A full list with snapshot
// semantics: every poll reads the whole list; the cursor is the HTTP validators
// (ETag / Last-Modified) only, no id.
#include <cstddef>
#include <memory>

#include "connectors/feodo/feodo_mapper.hpp"
#include "lib/pipeline/connector/connector_registry.hpp"
#include "lib/pipeline/source/decompress.hpp"
#include "lib/pipeline/source/source_access.hpp"

namespace tcfeed::connectors::feodo {

// A blocklist of IP addresses is small: a larger download is not the list.
constexpr std::size_t kFeodoMaxBytes = 64u << 20;

struct FeodoSettings {
  pipeline::SourceLocation location{"", "", kFeodoMaxBytes};
  pipeline::SourceAccess access;  // the abuse.ch key: an Auth-Key header by default
  bool include_offline = true;
};

std::unique_ptr<pipeline::Connector> make_feodo_connector(FeodoSettings settings);

}  // namespace tcfeed::connectors::feodo

namespace tcfeed::connectors {

pipeline::ConnectorType feodo_connector_type();

}  // namespace tcfeed::connectors
