#pragma once
// `urlhaus`: abuse.ch URLhaus's csv_recent / csv_online exports and its JSON dump, zip or plain,
// from https:// or file:// (docs/feeds.md, URLhaus). Cursor: the highest id seen, plus the HTTP validators.
#include <chrono>
#include <functional>
#include <memory>

#include "connectors/urlhaus/urlhaus_mapper.hpp"
#include "lib/core/duration.hpp"
#include "lib/pipeline/connector/connector_registry.hpp"
#include "lib/pipeline/source/decompress.hpp"
#include "lib/pipeline/source/source_access.hpp"

namespace tcfeed::connectors::urlhaus {

struct UrlhausSettings {
  pipeline::SourceLocation location;
  pipeline::SourceAccess access;  // the abuse.ch key: the exports' `auth-key` query parameter by default
  HostAs host_as = HostAs::None;
  bool include_offline = true;
  Duration backfill = std::chrono::hours(24 * 7);
};

using Clock = std::function<std::chrono::system_clock::time_point()>;

// The clock decides the first run's backfill window; tests pass a fixed one.
std::unique_ptr<pipeline::Connector> make_urlhaus_connector(UrlhausSettings settings,
                                                            Clock now = &std::chrono::system_clock::now);

}  // namespace tcfeed::connectors::urlhaus

namespace tcfeed::connectors {

pipeline::ConnectorType urlhaus_connector_type();

}  // namespace tcfeed::connectors
