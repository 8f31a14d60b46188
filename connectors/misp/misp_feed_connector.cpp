#include "connectors/misp/misp_feed_connector.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "connectors/malware_family.hpp"
#include "connectors/misp/misp_event_reader.hpp"
#include "connectors/misp/misp_feed_cursor.hpp"
#include "lib/pipeline/format/json_records.hpp"
#include "lib/pipeline/source/byte_source.hpp"
#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::connectors::misp {
namespace {

// The feed's root with a trailing '/': `url` may name the root or its manifest.json.
std::string feed_root(std::string url) {
  constexpr std::string_view kManifest = "manifest.json";
  if (url.size() >= kManifest.size() && url.compare(url.size() - kManifest.size(), kManifest.size(), kManifest) == 0) {
    url.resize(url.size() - kManifest.size());
  }
  if (url.empty() || url.back() != '/') url += '/';
  return url;
}

struct ManifestEntry {
  std::string uuid;
  std::int64_t timestamp = 0;
};

class MispFeedConnector final : public pipeline::Connector {
 public:
  MispFeedConnector(MispFeedSettings settings, Clock now)
      : settings_(std::move(settings)), now_(std::move(now)), root_(feed_root(settings_.location.url)) {}

  pipeline::PollResult poll(const state::Cursor& previous, pipeline::CandidateSink& sink) override {
    auto read = parse_misp_feed_position(previous.position);
    const bool first = previous.position.empty() || !read;
    if (!read) {
      spdlog::warn("misp_feed {}: the cursor is not one this connector wrote; starting over from backfill",
                   pipeline::redact_url(root_));
    }
    MispFeedPosition position = read.value_or(MispFeedPosition{});
    if (first) {
      const auto start = now_() - settings_.backfill;
      position.floor = std::chrono::duration_cast<std::chrono::seconds>(start.time_since_epoch()).count();
    }

    pipeline::SourceLocation manifest = settings_.location;
    manifest.url = root_ + "manifest.json";
    pipeline::FetchedStream fetched =
        pipeline::fetch_since(manifest, settings_.access, first ? state::Cursor{} : previous);
    if (fetched.not_modified) return pipeline::not_modified_since(previous);
    const std::vector<ManifestEntry> entries = read_manifest(*fetched.body);

    std::vector<const ManifestEntry*> wanted;
    for (const auto& entry : entries) {
      if (position.wants(entry.uuid, entry.timestamp)) wanted.push_back(&entry);
    }
    std::stable_sort(wanted.begin(), wanted.end(),
                     [](const ManifestEntry* a, const ManifestEntry* b) { return a->timestamp < b->timestamp; });
    const std::size_t limit = static_cast<std::size_t>(settings_.max_events);
    bool complete = wanted.size() <= limit;
    if (!complete) {
      spdlog::info("misp_feed {}: {} events changed, reading the oldest {} this poll; the next poll reads on",
                   pipeline::redact_url(root_), wanted.size(), limit);
      wanted.resize(limit);
    }

    // Only events still in the manifest are kept: the position never outgrows the feed.
    const auto position_text = [&] {
      MispFeedPosition next;
      next.floor = position.floor;
      for (const auto& entry : entries) {
        const auto found = position.events.find(entry.uuid);
        if (found != position.events.end()) next.events.emplace(found->first, found->second);
      }
      next.bound(settings_.max_tracked);
      return format_misp_feed_position(next);
    };

    MispEventMapper mapper(settings_.map);
    std::size_t records = 0;
    std::size_t fetched_events = 0;
    for (const ManifestEntry* entry : wanted) {
      try {
        records += read_event(entry->uuid, mapper, sink);
      } catch (const pipeline::SourceError& error) {
        if (error.stopped() || fetched_events == 0) throw;
        spdlog::warn(
            "misp_feed {}: event {} failed ({}); the {} events read before it are kept, the rest is "
            "read next poll",
            pipeline::redact_url(root_), entry->uuid, error.what(), fetched_events);
        complete = false;
        break;
      }
      position.events[entry->uuid] = entry->timestamp;
      ++fetched_events;
      // The event is in the sink: a poll cut after it does not fetch it again (docs/feeds.md, MISP
      // feed). No validators: the manifest must be read again, not answered 304.
      sink.checkpoint([&] { return state::Cursor{position_text(), "", ""}; });
    }

    std::string text = position_text();
    if (fetched_events == 0 && !first && text == previous.position) return pipeline::not_modified_since(previous);
    // With events left for the next poll, the manifest must be read again, not answered 304.
    if (!complete) return {state::Cursor{std::move(text), "", ""}, false, records};
    return {fetched.cursor(std::move(text)), false, records};
  }

 private:
  std::vector<ManifestEntry> read_manifest(pipeline::ByteSource& body) const {
    pipeline::JsonOptions options;
    options.form = pipeline::JsonForm::KeyedObject;
    pipeline::JsonRecords reader(body, options);
    std::vector<ManifestEntry> entries;
    std::size_t refused = 0;
    reader.read([&](std::string_view key, simdjson::dom::element value) {
      const auto stamp = misp_timestamp(value, "timestamp");
      if (!is_event_uuid(key) || !stamp) {
        ++refused;
        return;
      }
      entries.push_back({std::string(key), *stamp});
    });
    refused += reader.stats().oversized + reader.stats().too_deep + reader.stats().malformed;
    if (refused > 0) {
      spdlog::warn("misp_feed {}: {} manifest entries without a UUID or timestamp were left out",
                   pipeline::redact_url(root_), refused);
    }
    return entries;
  }

  // Returns the records (attributes) read.
  std::size_t read_event(const std::string& uuid, MispEventMapper& mapper, pipeline::CandidateSink& sink) const {
    pipeline::SourceLocation location = settings_.location;
    location.url = root_ + uuid + ".json";
    pipeline::FetchedStream fetched = pipeline::fetch_stream(pipeline::source_request(location, settings_.access));
    return read_misp_event(*fetched.body, mapper, sink, settings_.max_event_bytes);
  }

  MispFeedSettings settings_;
  Clock now_;
  std::string root_;
};

}  // namespace

std::unique_ptr<pipeline::Connector> make_misp_feed_connector(MispFeedSettings settings, Clock now) {
  return std::make_unique<MispFeedConnector>(std::move(settings), std::move(now));
}

}  // namespace tcfeed::connectors::misp

namespace tcfeed::connectors {

pipeline::ConnectorType misp_feed_connector_type() {
  const misp::MispFeedSettings defaults;
  pipeline::ConnectorType type;
  type.name = "misp_feed";
  type.description =
      "A MISP feed (manifest.json and <uuid>.json per event): each event is an Event group, its attributes and its "
      "objects' attributes indicators associated with it. ip-src/ip-dst(|port) → Address (CIDR with a prefix), "
      "domain/hostname(|port) → Host, domain|ip → Host and Address, url → URL, md5/sha1/sha256 and filename|hash → "
      "File, email-src/email-dst/email → EmailAddress, email-subject → Email Subject, AS → ASN, mutex → Mutex, "
      "regkey(|value) → Registry Key, user-agent → User Agent; other types counted (unmapped_type). ATT&CK galaxy "
      "tags → ATT&CK; other machine tags (tlp:…, galaxies) dropped; plain tags → tags. An event is fetched only "
      "when its manifest timestamp is newer than the one the cursor holds for it.";
  type.keys = {
      {"backfill", "duration", format_duration(defaults.backfill),
       "first poll only: events whose manifest timestamp is within this long before now", false},
      {"to_ids_only", "bool", config::bool_text(defaults.map.to_ids_only),
       "attributes with to_ids: false are benign (dropped by policy); false sends them too", false},
      groups_key(defaults.map.groups, "each MISP event as an Event group"),
      {"max_events", "integer", std::to_string(defaults.max_events),
       "events fetched per poll at most, 1–100000 (oldest first); the rest is read by the next poll", false},
      {"max_event_bytes", "integer", std::to_string(defaults.max_event_bytes),
       "an event file larger than this is counted (oversized_record) and skipped", false},
      {"max_tracked", "integer", std::to_string(defaults.max_tracked),
       "events whose timestamp the cursor keeps, 100–1000000 (the newest; older ones are read again only when "
       "newer than the oldest dropped)",
       false},
  };
  const auto location_keys =
      pipeline::source_location_keys("the feed's root (where manifest.json is), https:// or file:///path/feed/");
  type.keys.insert(type.keys.begin(), location_keys.begin(), location_keys.end());
  for (auto& key : pipeline::source_access_keys()) type.keys.push_back(std::move(key));
  type.create = [](pipeline::ConnectorContext& context) -> std::unique_ptr<pipeline::Connector> {
    auto& keys = context.keys;
    misp::MispFeedSettings settings;
    settings.location = pipeline::read_source_location(keys, context.global);
    settings.access = pipeline::read_source_access(keys, context.global);
    settings.backfill = keys.duration("backfill").value_or(settings.backfill);
    settings.map.to_ids_only = keys.boolean("to_ids_only").value_or(settings.map.to_ids_only);
    settings.map.groups = keys.boolean("groups").value_or(settings.map.groups);
    settings.max_events = static_cast<int>(keys.integer("max_events", 1, 100000).value_or(settings.max_events));
    settings.max_event_bytes =
        static_cast<std::size_t>(keys.integer("max_event_bytes", 1024, std::int64_t{1} << 30)
                                     .value_or(static_cast<std::int64_t>(settings.max_event_bytes)));
    settings.max_tracked = static_cast<std::size_t>(
        keys.integer("max_tracked", 100, 1000000).value_or(static_cast<std::int64_t>(settings.max_tracked)));
    return misp::make_misp_feed_connector(std::move(settings));
  };
  return type;
}

}  // namespace tcfeed::connectors
