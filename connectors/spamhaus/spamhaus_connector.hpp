#pragma once
// `spamhaus_drop`: Spamhaus's DROP, DROPv6 and ASN-DROP lists (docs/feeds.md, Spamhaus DROP), a
// file a connector, in the JSON-lines form or the older text form, from https:// or file://. A
// full list: every poll reads the whole list, and `removed` decides what an entry that left it
// becomes. The cursor is the HTTP validators; the file's `Expires` (else the response's) is when
// the next poll may come.
#include <cstddef>
#include <memory>

#include "lib/pipeline/connector/connector_registry.hpp"
#include "lib/pipeline/source/source_access.hpp"

namespace tcfeed::connectors::spamhaus {

// DROP is a few thousand networks, ASN-DROP a few hundred numbers: a larger download is not the list.
constexpr std::size_t kSpamhausMaxBytes = 16u << 20;

struct SpamhausSettings {
  pipeline::SourceLocation location{"", "", kSpamhausMaxBytes};
  pipeline::SourceAccess access;
};

std::unique_ptr<pipeline::Connector> make_spamhaus_connector(SpamhausSettings settings);

}  // namespace tcfeed::connectors::spamhaus

namespace tcfeed::connectors {

pipeline::ConnectorType spamhaus_connector_type();

}  // namespace tcfeed::connectors
