#pragma once
// The misp_feed cursor's position (docs/feeds.md, MISP feed): per event UUID the manifest
// timestamp last read, and a floor below which nothing is fetched (the first poll's backfill
// start, raised when entries are dropped to stay within the bound). Written as
// `v1 <floor>[ <uuid>=<timestamp>]…`; only events still in the manifest are kept, at most
// `max_entries` of them (the newest), so the position never outgrows the feed.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace tcfeed::connectors::misp {

struct MispFeedPosition {
  std::int64_t floor = 0;
  std::map<std::string, std::int64_t, std::less<>> events;

  // Whether the event at `timestamp` must be fetched: newer than what was read of it, or never
  // read and newer than the floor.
  bool wants(std::string_view uuid, std::int64_t timestamp) const;

  // Keeps the `max_entries` newest entries, raising the floor to the newest one dropped.
  void bound(std::size_t max_entries);
};

// nullopt: not a position this connector wrote (an empty one is a first poll).
std::optional<MispFeedPosition> parse_misp_feed_position(std::string_view text);
std::string format_misp_feed_position(const MispFeedPosition& position);

// A MISP UUID as a feed names its files: 36 characters of hex digits and dashes, so `<uuid>.json`
// can never leave the feed's directory.
bool is_event_uuid(std::string_view text);

}  // namespace tcfeed::connectors::misp
