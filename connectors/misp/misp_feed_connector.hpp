#pragma once
// `misp_feed`: a MISP feed (docs/feeds.md, MISP feed) over https:// or file:// (a feed directory).
//
// `url` is the feed's root: `manifest.json` there lists the events by UUID with their timestamp,
// fetched with the cursor's ETag (a 304 ends the poll). An event is fetched (`<uuid>.json`) only
// when its manifest timestamp is newer than the one the cursor holds for it — or, never read, newer
// than the cursor's floor (`backfill` before now on the first poll). Oldest first, at most
// `max_events` a poll; the rest waits for the next poll, whose manifest request then goes without
// the ETag so the rest is not taken for unchanged.
//
// Each event is parsed on its own, up to `max_event_bytes` (a larger one is counted oversized and
// not fetched again until its timestamp changes). The framework commits the cursor once a poll,
// not per event, so the checkpoint is this: an event that fails to download ends the poll there,
// and what was read before it is committed; it is fetched again next poll. A failure before any
// event is read fails the poll; the seen set makes a re-read event's indicators unchanged.
#include <chrono>
#include <functional>
#include <memory>

#include "connectors/misp/misp_event_mapper.hpp"
#include "lib/core/duration.hpp"
#include "lib/pipeline/connector/connector_registry.hpp"
#include "lib/pipeline/source/source_access.hpp"

namespace tcfeed::connectors::misp {

struct MispFeedSettings {
  pipeline::SourceLocation location;  // the feed's root (or its manifest.json)
  pipeline::SourceAccess access;
  MispMapOptions map;
  Duration backfill = std::chrono::hours(24 * 7);
  int max_events = 500;
  std::size_t max_event_bytes = 256u << 20;  // as the source's max_bytes: the reader streams (docs/feeds.md)
  std::size_t max_tracked = 20000;           // events whose timestamp the cursor keeps
};

using Clock = std::function<std::chrono::system_clock::time_point()>;

std::unique_ptr<pipeline::Connector> make_misp_feed_connector(MispFeedSettings settings,
                                                              Clock now = &std::chrono::system_clock::now);

}  // namespace tcfeed::connectors::misp

namespace tcfeed::connectors {

pipeline::ConnectorType misp_feed_connector_type();

}  // namespace tcfeed::connectors
