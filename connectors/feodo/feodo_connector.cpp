#include "connectors/feodo/feodo_connector.hpp"

#include "connectors/abusech_key.hpp"
#include "connectors/feodo/feodo_reader.hpp"
#include "lib/pipeline/source/byte_source.hpp"
#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::connectors::feodo {
namespace {

class FeodoConnector final : public pipeline::Connector {
 public:
  explicit FeodoConnector(FeodoSettings settings) : settings_(std::move(settings)) {}

  pipeline::PollResult poll(const state::Cursor& previous, pipeline::CandidateSink& sink) override {
    pipeline::FetchedStream fetched = pipeline::fetch_since(settings_.location, settings_.access, previous);
    if (fetched.not_modified) return pipeline::not_modified_since(previous);

    FeodoMapOptions options;
    options.include_offline = settings_.include_offline;
    auto source =
        pipeline::maybe_decompress(std::move(fetched.body), pipeline::decompress_limits(settings_.location.max_bytes));
    // Snapshot: the whole list is emitted every time it changes (dedupe skips
    // the unchanged ones). An address that drops off the list is not withdrawn
    // here: removal handling comes with the daemon's snapshot table, which
    // diffs one poll's set against the last.
    const std::size_t records = read_feodo(std::move(source), options, sink).records;
    return {fetched.cursor(""), false, records, /*full_list=*/true};
  }
  bool full_list() const override { return true; }

 private:
  FeodoSettings settings_;
};

}  // namespace

std::unique_ptr<pipeline::Connector> make_feodo_connector(FeodoSettings settings) {
  return std::make_unique<FeodoConnector>(std::move(settings));
}

}  // namespace tcfeed::connectors::feodo

namespace tcfeed::connectors {

pipeline::ConnectorType feodo_connector_type() {
  const feodo::FeodoSettings defaults;
  pipeline::ConnectorType type;
  type.name = "feodo";
  type.description =
      "abuse.ch Feodo Tracker botnet C2 IP blocklist: "
      "ipblocklist.json or .csv. Address indicators with a Port "
      "attribute; malware becomes a tag; a full list "
      "(snapshot), cursor = ETag / Last-Modified.";
  type.keys = {
      {"include_offline", "bool", config::bool_text(defaults.include_offline),
       "false skips entries whose status is offline", false},
  };
  const auto location_keys = pipeline::source_location_keys(
      "e.g. https://feodotracker.abuse.ch/downloads/ipblocklist.json", feodo::kFeodoMaxBytes);
  type.keys.insert(type.keys.begin(), location_keys.begin(), location_keys.end());
  for (auto& key : pipeline::source_access_keys(abusech_key_header())) type.keys.push_back(std::move(key));
  type.stripped_tags = {"abuse.ch", "Feodo Tracker", "FeodoTracker"};
  // docs/feeds.md, Poll intervals: the blocklist is polled hourly (IntelMQ's rate_limit 3600).
  type.public_cadence = pipeline::PublicCadence{{"feodotracker.abuse.ch"}, std::chrono::hours(1)};
  type.create = [](pipeline::ConnectorContext& context) -> std::unique_ptr<pipeline::Connector> {
    auto& keys = context.keys;
    feodo::FeodoSettings settings;
    settings.location = pipeline::read_source_location(keys, context.global, feodo::kFeodoMaxBytes);
    settings.include_offline = keys.boolean("include_offline").value_or(settings.include_offline);
    settings.access = pipeline::read_source_access(keys, context.global, abusech_key_header());
    return feodo::make_feodo_connector(std::move(settings));
  };
  return type;
}

}  // namespace tcfeed::connectors
