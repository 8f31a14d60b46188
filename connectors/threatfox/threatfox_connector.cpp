#include "connectors/threatfox/threatfox_connector.hpp"

#include <algorithm>

#include "connectors/abusech_key.hpp"
#include "connectors/malware_family.hpp"
#include "connectors/record_id.hpp"
#include "connectors/threatfox/threatfox_api.hpp"
#include "connectors/threatfox/threatfox_reader.hpp"
#include "lib/pipeline/source/byte_source.hpp"
#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::connectors::threatfox {
namespace {

class ThreatfoxConnector final : public pipeline::Connector {
 public:
  explicit ThreatfoxConnector(ThreatfoxSettings settings) : settings_(std::move(settings)) {}

  pipeline::PollResult poll(const state::Cursor& previous, pipeline::CandidateSink& sink) override {
    pipeline::FetchedStream fetched = fetch(previous);
    if (fetched.not_modified) return pipeline::not_modified_since(previous);

    ThreatfoxMapOptions options;
    options.min_confidence = settings_.min_confidence;
    options.ioc_types = settings_.ioc_types;
    options.groups = settings_.groups;
    options.after_id = parse_id(previous.position).value_or(0);
    auto source =
        pipeline::maybe_decompress(std::move(fetched.body), pipeline::decompress_limits(settings_.location.max_bytes));
    const ReadResult read = read_threatfox(std::move(source), options, sink, settings_.location.max_bytes);
    return {fetched.cursor(std::to_string(std::max(options.after_id, read.max_id))), false, read.records};
  }

 private:
  pipeline::FetchedStream fetch(const state::Cursor& previous) const {
    if (!is_api_url(settings_.location.url))
      return pipeline::fetch_since(settings_.location, settings_.access, previous);
    pipeline::FetchRequest request = pipeline::source_request(settings_.location, settings_.access);
    make_get_iocs(request, settings_.days);
    return pipeline::fetch_stream(request);
  }

  ThreatfoxSettings settings_;
};

}  // namespace

std::unique_ptr<pipeline::Connector> make_threatfox_connector(ThreatfoxSettings settings) {
  return std::make_unique<ThreatfoxConnector>(std::move(settings));
}

}  // namespace tcfeed::connectors::threatfox

namespace tcfeed::connectors {

pipeline::ConnectorType threatfox_connector_type() {
  const threatfox::ThreatfoxSettings defaults;
  pipeline::ConnectorType type;
  type.name = "threatfox";
  type.description =
      "abuse.ch ThreatFox: the get_iocs API (an https URL with /api/ in its "
      "path is POSTed to) or a saved API "
      "response, and the CSV exports (recent, full zip). ip:port → Address "
      "with a Port attribute, domain → Host, "
      "url → URL, hashes → File; confidence_level → confidence as is; "
      "threat_type, malware and tags → tags; "
      "reference → Source attribute; malware_printable → a Malware group; cursor = highest IOC id seen.";
  type.keys = {
      {"days", "integer", std::to_string(defaults.days), "API only: get_iocs window in days, 1–7", false},
      {"min_confidence", "integer", std::to_string(defaults.min_confidence),
       "rows with a confidence_level below this (0–100) are counted, not sent", false},
      {"ioc_types", "list", "(all)",
       "the ioc_type values taken: ip:port, domain, url, md5_hash, sha1_hash, "
       "sha256_hash",
       false},
      groups_key(defaults.groups, "malware families (malware_printable) as Malware groups"),
  };
  const auto location_keys = pipeline::source_location_keys(
      "https://threatfox-api.abuse.ch/api/v1/ (the API), https://threatfox.abuse.ch/export/csv/recent/ or .../full/ "
      "(exports), or a saved file");
  type.keys.insert(type.keys.begin(), location_keys.begin(), location_keys.end());
  for (auto& key : pipeline::source_access_keys(abusech_key_header())) type.keys.push_back(std::move(key));
  type.stripped_tags = {"abuse.ch", "ThreatFox"};
  // docs/feeds.md, Poll intervals: get_iocs is a window of days; 15 minutes is the shortest interval the sources use.
  type.public_cadence =
      pipeline::PublicCadence{{"threatfox.abuse.ch", "threatfox-api.abuse.ch"}, std::chrono::minutes(15)};
  type.create = [](pipeline::ConnectorContext& context) -> std::unique_ptr<pipeline::Connector> {
    auto& keys = context.keys;
    threatfox::ThreatfoxSettings settings;
    settings.location = pipeline::read_source_location(keys, context.global);
    settings.days = static_cast<int>(keys.integer("days", 1, 7).value_or(settings.days));
    settings.access = pipeline::read_source_access(keys, context.global, abusech_key_header());
    settings.min_confidence =
        static_cast<int>(keys.integer("min_confidence", 0, 100).value_or(settings.min_confidence));
    settings.groups = keys.boolean("groups").value_or(settings.groups);
    if (keys.has("ioc_types")) {
      settings.ioc_types.reset();
      for (const auto& entry : keys.located_list("ioc_types")) {
        const auto ioc_type = threatfox::parse_ioc_type(entry.value);
        if (!ioc_type) {
          keys.fail("ioc_types", "line " + std::to_string(entry.line) + ": unknown ioc_type '" + entry.value +
                                     "' (expected ip:port, domain, url, "
                                     "md5_hash, sha1_hash or sha256_hash)");
        }
        settings.ioc_types.set(static_cast<std::size_t>(*ioc_type));
      }
      if (settings.ioc_types.none()) keys.fail("ioc_types", "empty: list at least one ioc_type");
    }
    return threatfox::make_threatfox_connector(std::move(settings));
  };
  return type;
}

}  // namespace tcfeed::connectors
