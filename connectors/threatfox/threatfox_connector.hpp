#pragma once
// `threatfox`: abuse.ch ThreatFox (feeds.md B.2) — the get_iocs API (POST,
// Auth-Key header) or a saved API response, and the CSV exports (recent plain,
// full zip), from https:// or file://. Cursor: the highest IOC id seen (plus
// the HTTP validators of an export).
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "connectors/threatfox/threatfox_mapper.hpp"
#include "lib/core/secret.hpp"
#include "lib/pipeline/connector_registry.hpp"
#include "lib/pipeline/decompress.hpp"

namespace tcfeed::connectors::threatfox {

struct ThreatfoxSettings {
  std::string url;
  std::optional<SecretRef> auth_key; // the API's Auth-Key header
  int days = 1;                      // the API's get_iocs window, 1–7
  int min_confidence = 0;
  IocTypeSet ioc_types = IocTypeSet().set();
  std::string ca_file;
  std::size_t max_bytes = 256u << 20;
  pipeline::DecompressLimits decompress;
};

std::unique_ptr<pipeline::Connector>
make_threatfox_connector(ThreatfoxSettings settings);

} // namespace tcfeed::connectors::threatfox

namespace tcfeed::connectors {

pipeline::ConnectorType threatfox_connector_type();

} // namespace tcfeed::connectors
