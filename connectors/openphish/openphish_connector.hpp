#pragma once
// `openphish`: the OpenPhish community feed (docs/feeds.md, OpenPhish), a URL a line, from https://
// or file://. A full list: every poll reads the whole feed, and `removed` decides what a URL that
// left it becomes. The cursor is the HTTP validators only.
#include <cstddef>
#include <memory>

#include "connectors/openphish/openphish_mapper.hpp"
#include "lib/pipeline/connector/connector_registry.hpp"
#include "lib/pipeline/source/source_access.hpp"

namespace tcfeed::connectors::openphish {

// The community feed is a few hundred URLs: a larger download is not the feed.
constexpr std::size_t kOpenphishMaxBytes = 16u << 20;

struct OpenphishSettings {
  pipeline::SourceLocation location{"", "", kOpenphishMaxBytes};
  pipeline::SourceAccess access;
  HostAs host_as = HostAs::None;
};

std::unique_ptr<pipeline::Connector> make_openphish_connector(OpenphishSettings settings);

}  // namespace tcfeed::connectors::openphish

namespace tcfeed::connectors {

pipeline::ConnectorType openphish_connector_type();

}  // namespace tcfeed::connectors
