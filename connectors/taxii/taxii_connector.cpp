#include "connectors/taxii/taxii_connector.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>

#include "connectors/malware_family.hpp"
#include "connectors/taxii/stix_groups.hpp"
#include "connectors/taxii/stix_objects_reader.hpp"
#include "connectors/taxii/taxii_collections.hpp"
#include "lib/indicators/text.hpp"
#include "lib/pipeline/source/byte_source.hpp"
#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::connectors::taxii {
namespace {

using indicators::text::iequals;

std::optional<std::string> response_header(const pipeline::FetchedStream& fetched, std::string_view name) {
  for (const auto& header : fetched.headers) {
    if (iequals(header.name, name)) return header.value;
  }
  return std::nullopt;
}

// The later of two server dates as the server wrote it; one that does not parse never replaces
// one that does.
std::string later_date(const std::string& current, const std::string& candidate) {
  const auto a = parse_stix_time(current);
  const auto b = parse_stix_time(candidate);
  if (!b) return current;
  if (!a || *b > *a) return candidate;
  return current;
}

bool strictly_later(const std::string& date, const std::string& than) {
  const auto a = parse_stix_time(date);
  const auto b = parse_stix_time(than);
  return a && b && *a > *b;
}

class TaxiiConnector final : public pipeline::Connector {
 public:
  TaxiiConnector(TaxiiSettings settings, Clock now) : settings_(std::move(settings)), now_(std::move(now)) {}

  pipeline::PollResult poll(const state::Cursor& previous, pipeline::CandidateSink& sink) override {
    const StixTime now = std::chrono::floor<std::chrono::microseconds>(now_());
    const StixTime backfill_start = now - std::chrono::duration_cast<std::chrono::microseconds>(settings_.backfill);
    if (settings_.location.url.rfind("file://", 0) == 0) return poll_bundle(previous, sink, now, backfill_start);
    return poll_collection(previous, sink, now, backfill_start);
  }

 private:
  pipeline::FetchRequest request(const std::string& url) const {
    pipeline::SourceLocation location = settings_.location;
    location.url = url;
    pipeline::FetchRequest request = pipeline::source_request(location, settings_.access);
    request.headers.push_back({"Accept", std::string(kTaxiiAccept)});
    return request;
  }

  StixMapper mapper(StixTime now) const {
    StixMapOptions options;
    options.now = now;
    return StixMapper(options);
  }

  pipeline::PollResult poll_collection(const state::Cursor& previous, pipeline::CandidateSink& sink, StixTime now,
                                       StixTime backfill_start) {
    const std::string root = api_root(settings_.location.url);
    const std::string id = [&] {
      pipeline::FetchedStream list = pipeline::fetch_stream(request(collections_url(root)));
      return resolve_collection(*list.body, settings_.collection, settings_.location.max_bytes);
    }();

    // The server's date as it wrote it: the next poll asks for what was added after it.
    std::string added_after = previous.position.empty() ? format_stix_time(backfill_start) : previous.position;
    std::string cursor = added_after;
    std::string next;
    std::string last_url;
    StixMapper stix = mapper(now);
    std::optional<StixGroups> groups;
    if (settings_.groups) groups.emplace(sink);
    std::size_t records = 0;
    for (int page = 0;; ++page) {
      if (page == settings_.max_pages) {
        spdlog::info("taxii21 {}: stopped after max_pages ({}); the next poll goes on from the cursor",
                     pipeline::redact_url(root), settings_.max_pages);
        break;
      }
      const std::string url = objects_url(root, id, settings_.page_size, next, added_after);
      if (url == last_url) {
        // The server would answer the same request again: paging makes no progress (docs/feeds.md,
        // TAXII 2.1). What was read is kept; the next poll starts from the cursor.
        spdlog::warn("taxii21 {}: paging made no progress (the same request twice); stopping this poll",
                     pipeline::redact_url(root));
        break;
      }
      last_url = url;
      pipeline::FetchedStream fetched = pipeline::fetch_stream(request(url));
      const ObjectsPage read =
          read_stix_objects(*fetched.body, stix, sink, settings_.max_object_bytes, groups ? &*groups : nullptr);
      records += read.records;
      const std::string before = cursor;
      const auto last_added = response_header(fetched, "X-TAXII-Date-Added-Last");
      if (last_added) cursor = later_date(cursor, *last_added);
      // Checkpoints (docs/feeds.md, TAXII 2.1), only without groups: with them the indicators are
      // held to the end of the poll, not in the sink yet. Paging by `next`, the last date of the
      // pages before this one is safe once this page starts strictly later: nothing added at that
      // instant is left unread, even for a server whose added_after is strict.
      const auto first_added = response_header(fetched, "X-TAXII-Date-Added-First");
      if (!groups && first_added && strictly_later(*first_added, before)) {
        sink.checkpoint([&] { return state::Cursor{before, "", ""}; });
      }
      if (!read.more) break;
      if (!read.next.empty()) {
        next = read.next;
        continue;
      }
      if (!last_added || read.records == 0) {
        spdlog::warn("taxii21 {}: more objects announced without next or X-TAXII-Date-Added-Last; stopping this poll",
                     pipeline::redact_url(root));
        break;
      }
      next.clear();
      added_after = *last_added;
      // Paging by added_after, a poll resumed from it asks exactly what this one asks next.
      if (!groups) sink.checkpoint([&] { return state::Cursor{cursor, "", ""}; });
    }
    if (groups) finish_groups(*groups, root);
    // Nothing added since the cursor: like a 304, nothing to commit (and not "a source without
    // records", which a quiet collection is not).
    if (records == 0 && cursor == previous.position) return pipeline::not_modified_since(previous);
    return {state::Cursor{cursor, "", ""}, false, records};
  }

  pipeline::PollResult poll_bundle(const state::Cursor& previous, pipeline::CandidateSink& sink, StixTime now,
                                   StixTime backfill_start) {
    pipeline::FetchedStream fetched = pipeline::fetch_since(settings_.location, settings_.access, state::Cursor{});
    StixMapOptions options;
    options.now = now;
    const auto after = parse_stix_time(previous.position);
    if (after) {
      options.after = after;
    } else {
      options.not_before = backfill_start;
    }
    StixMapper stix(options);
    std::optional<StixGroups> groups;
    if (settings_.groups) groups.emplace(sink);
    const ObjectsPage read =
        read_stix_objects(*fetched.body, stix, sink, settings_.max_object_bytes, groups ? &*groups : nullptr);
    if (groups) finish_groups(*groups, settings_.location.url);
    std::optional<StixTime> newest = after;
    if (read.newest_modified && (!newest || *read.newest_modified > *newest)) newest = read.newest_modified;
    return {state::Cursor{newest ? format_stix_time(*newest) : std::string(), "", ""}, false, read.records};
  }

  // Emits the held indicators and the associations across polls. One not made names an object
  // tcfeed never mapped (not read, an unsupported pattern, a refused value) or no longer remembers.
  static void finish_groups(StixGroups& groups, const std::string& where) {
    const std::size_t not_made = groups.finish();
    if (not_made > 0) {
      spdlog::info("taxii21 {}: {} association(s) not made: tcfeed has not mapped the indicator or group",
                   pipeline::redact_url(where), not_made);
    }
  }

  TaxiiSettings settings_;
  Clock now_;
};

}  // namespace

std::unique_ptr<pipeline::Connector> make_taxii_connector(TaxiiSettings settings, Clock now) {
  return std::make_unique<TaxiiConnector>(std::move(settings), std::move(now));
}

}  // namespace tcfeed::connectors::taxii

namespace tcfeed::connectors {

pipeline::ConnectorType taxii_connector_type() {
  const taxii::TaxiiSettings defaults;
  pipeline::ConnectorType type;
  type.name = "taxii21";
  type.description =
      "A TAXII 2.1 collection (or a STIX 2.1 bundle file): indicator objects whose pattern_type is stix and whose "
      "pattern is one comparison, or comparisons joined by OR, of ipv4-addr/ipv6-addr:value (CIDR when it has a "
      "prefix), domain-name:value, url:value, email-addr:value, file:hashes MD5/SHA-1/SHA-256; other patterns are "
      "counted by reason, never guessed. confidence → confidence, labels → tags, mitre-attack kill-chain phases "
      "and external references → ATT&CK tags; revoked or past valid_until → not sent. report, malware, "
      "intrusion-set, threat-actor and campaign → Report, Malware, Intrusion Set, Adversary and Campaign groups, "
      "associated with the indicators that relationships (indicator → group) and a report's object_refs name. "
      "Cursor = the server's X-TAXII-Date-Added-Last.";
  type.keys = {
      {"collection", "string", "", "https:// only: the collection's id or title (found in {url}/collections/)", false},
      {"backfill", "duration", format_duration(defaults.backfill),
       "first poll only: objects added (a bundle file: modified) within this long before now", false},
      {"page_size", "integer", std::to_string(defaults.page_size),
       "the `limit` asked for per page, 1–10000 (a server may send fewer)", false},
      {"max_pages", "integer", std::to_string(defaults.max_pages),
       "pages read per poll at most, 1–100000; the rest is read by the next poll", false},
      groups_key(defaults.groups,
                 "reports, malware, intrusion sets, threat actors and campaigns as groups, with the indicators their "
                 "relationships and object_refs name"),
      {"max_object_bytes", "integer", std::to_string(defaults.max_object_bytes),
       "a STIX object larger than this is counted (oversized_record) and skipped", false},
  };
  const auto location_keys = pipeline::source_location_keys(
      "the TAXII 2.1 API root, e.g. https://taxii.example/api1/, or file:///path/bundle.json");
  type.keys.insert(type.keys.begin(), location_keys.begin(), location_keys.end());
  for (auto& key : pipeline::source_access_keys()) type.keys.push_back(std::move(key));
  type.create = [](pipeline::ConnectorContext& context) -> std::unique_ptr<pipeline::Connector> {
    auto& keys = context.keys;
    taxii::TaxiiSettings settings;
    settings.location = pipeline::read_source_location(keys, context.global);
    settings.access = pipeline::read_source_access(keys, context.global);
    settings.collection = keys.string("collection").value_or("");
    const bool file = settings.location.url.rfind("file://", 0) == 0;
    if (!file && settings.collection.empty()) {
      keys.fail_here("a TAXII API root needs `collection`: the collection's id or title");
    }
    settings.backfill = keys.duration("backfill").value_or(settings.backfill);
    settings.page_size = static_cast<int>(keys.integer("page_size", 1, 10000).value_or(settings.page_size));
    settings.max_pages = static_cast<int>(keys.integer("max_pages", 1, 100000).value_or(settings.max_pages));
    settings.max_object_bytes =
        static_cast<std::size_t>(keys.integer("max_object_bytes", 1024, 64 << 20)
                                     .value_or(static_cast<std::int64_t>(settings.max_object_bytes)));
    settings.groups = keys.boolean("groups").value_or(settings.groups);
    return taxii::make_taxii_connector(std::move(settings));
  };
  return type;
}

}  // namespace tcfeed::connectors
