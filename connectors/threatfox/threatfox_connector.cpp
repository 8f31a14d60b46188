#include "connectors/threatfox/threatfox_connector.hpp"

#include <algorithm>
#include <charconv>

#include "connectors/threatfox/threatfox_api.hpp"
#include "connectors/threatfox/threatfox_reader.hpp"
#include "lib/pipeline/byte_source.hpp"
#include "lib/pipeline/source_fetch.hpp"
#include "lib/pipeline/source_access.hpp"

namespace tcfeed::connectors::threatfox {
namespace {

std::int64_t parse_position(const std::string &position) {
  std::int64_t id = 0;
  const auto [end, error] =
      std::from_chars(position.data(), position.data() + position.size(), id);
  return error == std::errc() && end == position.data() + position.size() ? id
                                                                          : 0;
}

class ThreatfoxConnector final : public pipeline::Connector {
public:
  explicit ThreatfoxConnector(ThreatfoxSettings settings)
      : settings_(std::move(settings)) {}

  pipeline::PollResult poll(const state::Cursor &previous,
                            pipeline::CandidateSink &sink) override {
    pipeline::PollResult result;
    result.next = previous;
    pipeline::FetchResult fetched;
    if (is_api_url(settings_.url)) {
      // The API has no validators: the id cursor alone says what is new.
      fetched.body =
          post_get_iocs({settings_.url, settings_.days, settings_.auth_key,
                         settings_.ca_file, settings_.max_bytes});
    } else {
      pipeline::FetchRequest request;
      request.url = settings_.url;
      request.etag = previous.etag;
      request.last_modified = previous.last_modified;
      request.ca_file = settings_.ca_file;
      request.max_bytes = settings_.max_bytes;
      fetched = pipeline::fetch_source(request);
      if (fetched.not_modified) {
        result.not_modified = true;
        return result;
      }
    }
    ThreatfoxMapOptions options;
    options.min_confidence = settings_.min_confidence;
    options.ioc_types = settings_.ioc_types;
    options.after_id = parse_position(previous.position);

    auto source = pipeline::maybe_decompress(
        std::make_unique<pipeline::StringSource>(std::move(fetched.body)),
        settings_.decompress);
    const ReadResult read =
        read_threatfox(std::move(source), options, sink, settings_.max_bytes);
    result.records = read.records;
    result.next.position =
        std::to_string(std::max(options.after_id, read.max_id));
    result.next.etag = fetched.etag;
    result.next.last_modified = fetched.last_modified;
    return result;
  }

private:
  ThreatfoxSettings settings_;
};

} // namespace

std::unique_ptr<pipeline::Connector>
make_threatfox_connector(ThreatfoxSettings settings) {
  return std::make_unique<ThreatfoxConnector>(std::move(settings));
}

} // namespace tcfeed::connectors::threatfox

namespace tcfeed::connectors {

pipeline::ConnectorType threatfox_connector_type() {
  pipeline::ConnectorType type;
  type.name = "threatfox";
  type.description =
      "abuse.ch ThreatFox: the get_iocs API (an https URL with /api/ in its "
      "path is POSTed to) or a saved API "
      "response, and the CSV exports (recent, full zip). ip:port → Address "
      "with a Port attribute, domain → Host, "
      "url → URL, hashes → File; confidence_level → confidence as is; "
      "threat_type, malware and tags → tags; "
      "reference → Source attribute; cursor = highest IOC id seen.";
  type.keys = {
      {"days", "integer", "1", "API only: get_iocs window in days, 1–7", false},
      {"auth_key_file", "secret", "",
       "abuse.ch Auth-Key, sent as the API's Auth-Key header (or auth_key_env "
       "/ auth_key_credential)",
       false},
      {"auth_key_env", "secret", "", "see auth_key_file", false},
      {"auth_key_credential", "secret", "", "see auth_key_file", false},
      {"min_confidence", "integer", "0",
       "rows with a confidence_level below this (0–100) are counted, not sent",
       false},
      {"ioc_types", "list", "(all)",
       "the ioc_type values taken: ip:port, domain, url, md5_hash, sha1_hash, "
       "sha256_hash",
       false},
  };
  const auto location_keys = pipeline::source_location_keys("https://threatfox-api.abuse.ch/api/v1/ (the API), https://threatfox.abuse.ch/export/csv/recent/ or .../full/ (exports), or a saved file");
  type.keys.insert(type.keys.begin(), location_keys.begin(), location_keys.end());
  type.stripped_tags = {"abuse.ch", "ThreatFox"};
  type.create = [](pipeline::ConnectorContext &context)
      -> std::unique_ptr<pipeline::Connector> {
    auto &keys = context.keys;
    threatfox::ThreatfoxSettings settings;
    const auto location = pipeline::read_source_location(keys, context.global);
    settings.url = location.url;
    settings.ca_file = location.ca_file;
    settings.max_bytes = location.max_bytes;
    settings.days = static_cast<int>(keys.integer("days", 1, 7).value_or(1));
    settings.auth_key = keys.secret("auth_key");
    settings.min_confidence =
        static_cast<int>(keys.integer("min_confidence", 0, 100).value_or(0));
    if (keys.has("ioc_types")) {
      settings.ioc_types.reset();
      for (const auto &entry : keys.located_list("ioc_types")) {
        const auto ioc_type = threatfox::parse_ioc_type(entry.value);
        if (!ioc_type) {
          keys.fail("ioc_types", "line " + std::to_string(entry.line) +
                                     ": unknown ioc_type '" + entry.value +
                                     "' (expected ip:port, domain, url, "
                                     "md5_hash, sha1_hash or sha256_hash)");
        }
        settings.ioc_types.set(static_cast<std::size_t>(*ioc_type));
      }
      if (settings.ioc_types.none())
        keys.fail("ioc_types", "empty: list at least one ioc_type");
    }
    return threatfox::make_threatfox_connector(std::move(settings));
  };
  return type;
}

} // namespace tcfeed::connectors
