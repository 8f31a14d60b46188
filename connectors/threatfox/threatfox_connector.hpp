#pragma once
// `threatfox`: abuse.ch ThreatFox (docs/feeds.md, ThreatFox) — the get_iocs API (POST,
// Auth-Key header) or a saved API response, and the CSV exports (recent plain,
// full zip), from https:// or file://. Cursor: the highest IOC id seen (plus
// the HTTP validators of an export).
#include <memory>

#include "connectors/threatfox/threatfox_mapper.hpp"
#include "lib/pipeline/connector/connector_registry.hpp"
#include "lib/pipeline/source/decompress.hpp"
#include "lib/pipeline/source/source_access.hpp"

namespace tcfeed::connectors::threatfox {

struct ThreatfoxSettings {
  pipeline::SourceLocation location;
  pipeline::SourceAccess access;  // the abuse.ch key: an Auth-Key header by default
  int days = 1;                   // the API's get_iocs window, 1–7
  int min_confidence = 0;
  IocTypeSet ioc_types = IocTypeSet().set();
  bool groups = true;  // malware families as Malware groups
};

std::unique_ptr<pipeline::Connector> make_threatfox_connector(ThreatfoxSettings settings);

}  // namespace tcfeed::connectors::threatfox

namespace tcfeed::connectors {

pipeline::ConnectorType threatfox_connector_type();

}  // namespace tcfeed::connectors
