#include "connectors/openphish/openphish_connector.hpp"

#include <array>

#include "connectors/openphish/openphish_reader.hpp"
#include "lib/config/key_words.hpp"
#include "lib/pipeline/source/byte_source.hpp"
#include "lib/pipeline/source/decompress.hpp"
#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::connectors::openphish {
namespace {

class OpenphishConnector final : public pipeline::Connector {
 public:
  explicit OpenphishConnector(OpenphishSettings settings) : settings_(std::move(settings)) {}

  pipeline::PollResult poll(const state::Cursor& previous, pipeline::CandidateSink& sink) override {
    pipeline::FetchedStream fetched = pipeline::fetch_since(settings_.location, settings_.access, previous);
    if (fetched.not_modified) return pipeline::not_modified_since(previous);
    OpenphishMapOptions options;
    options.host_as = settings_.host_as;
    auto source =
        pipeline::maybe_decompress(std::move(fetched.body), pipeline::decompress_limits(settings_.location.max_bytes));
    const ReadResult read = read_openphish(std::move(source), options, sink);
    return {fetched.cursor(""), false, read.records, /*full_list=*/true};
  }
  bool full_list() const override { return true; }

 private:
  OpenphishSettings settings_;
};

constexpr std::array<config::KeyWord<HostAs>, 2> kHostAsWords = {{{"none", HostAs::None}, {"host", HostAs::Host}}};

}  // namespace

std::unique_ptr<pipeline::Connector> make_openphish_connector(OpenphishSettings settings) {
  return std::make_unique<OpenphishConnector>(std::move(settings));
}

}  // namespace tcfeed::connectors::openphish

namespace tcfeed::connectors {

pipeline::ConnectorType openphish_connector_type() {
  using openphish::kHostAsWords;
  const openphish::OpenphishSettings defaults;
  pipeline::ConnectorType type;
  type.name = "openphish";
  type.description =
      "OpenPhish community feed (feed.txt): a URL a line → URL indicators; a full list (snapshot), "
      "cursor = ETag / Last-Modified.";
  type.keys = {
      {"host_as", "string", config::word_for(kHostAsWords, defaults.host_as),
       "none, or host: also emit the URL's host as Host (Address when it is an IP); phishing pages often sit "
       "on shared hosts, so none by default",
       false},
  };
  const auto location_keys =
      pipeline::source_location_keys("e.g. https://openphish.com/feed.txt", openphish::kOpenphishMaxBytes);
  type.keys.insert(type.keys.begin(), location_keys.begin(), location_keys.end());
  for (auto& key : pipeline::source_access_keys()) type.keys.push_back(std::move(key));
  type.stripped_tags = {"OpenPhish", "openphish"};
  // docs/feeds.md, Poll intervals: the feed is regenerated every 12 hours; hourly polls cost a
  // conditional GET each and miss nothing should it come sooner.
  type.public_cadence = pipeline::PublicCadence{{"openphish.com", "www.openphish.com"}, std::chrono::hours(1)};
  type.create = [](pipeline::ConnectorContext& context) -> std::unique_ptr<pipeline::Connector> {
    auto& keys = context.keys;
    openphish::OpenphishSettings settings;
    settings.location = pipeline::read_source_location(keys, context.global, openphish::kOpenphishMaxBytes);
    settings.host_as = config::read_word(keys, "host_as", kHostAsWords, settings.host_as);
    settings.access = pipeline::read_source_access(keys, context.global);
    return openphish::make_openphish_connector(std::move(settings));
  };
  return type;
}

}  // namespace tcfeed::connectors
