#include "connectors/urlhaus/urlhaus_connector.hpp"

#include <algorithm>
#include <array>

#include "connectors/abusech_key.hpp"
#include "connectors/record_id.hpp"
#include "connectors/urlhaus/urlhaus_reader.hpp"
#include "lib/config/key_words.hpp"
#include "lib/pipeline/source/byte_source.hpp"
#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::connectors::urlhaus {
namespace {

class UrlhausConnector final : public pipeline::Connector {
 public:
  UrlhausConnector(UrlhausSettings settings, Clock now) : settings_(std::move(settings)), now_(std::move(now)) {}

  pipeline::PollResult poll(const state::Cursor& previous, pipeline::CandidateSink& sink) override {
    pipeline::FetchedStream fetched = pipeline::fetch_since(settings_.location, settings_.access, previous);
    if (fetched.not_modified) return pipeline::not_modified_since(previous);

    UrlhausMapOptions options;
    options.host_as = settings_.host_as;
    options.include_offline = settings_.include_offline;
    options.after_id = parse_id(previous.position).value_or(0);
    // No position yet: the first run takes only the backfill window, not the whole export.
    if (previous.position.empty())
      options.not_before = std::chrono::floor<std::chrono::seconds>(now_() - settings_.backfill);

    auto source =
        pipeline::maybe_decompress(std::move(fetched.body), pipeline::decompress_limits(settings_.location.max_bytes));
    const ReadResult read = read_urlhaus(std::move(source), options, sink);
    return {fetched.cursor(std::to_string(std::max(options.after_id, read.max_id))), false, read.records};
  }

 private:
  UrlhausSettings settings_;
  Clock now_;
};

constexpr std::array<config::KeyWord<HostAs>, 2> kHostAsWords = {{{"none", HostAs::None}, {"host", HostAs::Host}}};

}  // namespace

std::unique_ptr<pipeline::Connector> make_urlhaus_connector(UrlhausSettings settings, Clock now) {
  return std::make_unique<UrlhausConnector>(std::move(settings), std::move(now));
}

}  // namespace tcfeed::connectors::urlhaus

namespace tcfeed::connectors {

pipeline::ConnectorType urlhaus_connector_type() {
  using urlhaus::kHostAsWords;
  const urlhaus::UrlhausSettings defaults;
  pipeline::ConnectorType type;
  type.name = "urlhaus";
  type.description =
      "abuse.ch URLhaus: the csv_recent / csv_online exports or the JSON dump, zip or plain. URL indicators; "
      "threat and tags become tags; cursor = highest id seen.";
  type.keys = {
      {"host_as", "string", config::word_for(kHostAsWords, defaults.host_as),
       "none, or host: also emit the URL's host as Host (Address when it is an IP)", false},
      {"include_offline", "bool", config::bool_text(defaults.include_offline),
       "false skips rows whose url_status is offline", false},
      {"backfill", "duration", format_duration(defaults.backfill),
       "first run only: take rows added within this long before now", false},
  };
  const auto location_keys = pipeline::source_location_keys("e.g. https://urlhaus.abuse.ch/downloads/csv_recent/");
  type.keys.insert(type.keys.begin(), location_keys.begin(), location_keys.end());
  for (auto& key : pipeline::source_access_keys(abusech_key_query())) type.keys.push_back(std::move(key));
  type.stripped_tags = {"abuse.ch", "URLhaus", "urlhaus"};
  // "Do not fetch more often than every 5 minutes": the exports are regenerated that often (docs/feeds.md).
  type.public_cadence = pipeline::PublicCadence{{"urlhaus.abuse.ch", "urlhaus-api.abuse.ch"}, std::chrono::minutes(5)};
  type.create = [](pipeline::ConnectorContext& context) -> std::unique_ptr<pipeline::Connector> {
    auto& keys = context.keys;
    urlhaus::UrlhausSettings settings;
    settings.location = pipeline::read_source_location(keys, context.global);
    settings.host_as = config::read_word(keys, "host_as", kHostAsWords, settings.host_as);
    settings.include_offline = keys.boolean("include_offline").value_or(settings.include_offline);
    settings.backfill = keys.duration("backfill").value_or(settings.backfill);
    settings.access = pipeline::read_source_access(keys, context.global, abusech_key_query());
    return urlhaus::make_urlhaus_connector(std::move(settings));
  };
  return type;
}

}  // namespace tcfeed::connectors
