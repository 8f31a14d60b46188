#include "connectors/spamhaus/spamhaus_connector.hpp"

#include "connectors/spamhaus/spamhaus_reader.hpp"
#include "lib/pipeline/source/byte_source.hpp"
#include "lib/pipeline/source/decompress.hpp"
#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::connectors::spamhaus {
namespace {

class SpamhausConnector final : public pipeline::Connector {
 public:
  explicit SpamhausConnector(SpamhausSettings settings) : settings_(std::move(settings)) {}

  pipeline::PollResult poll(const state::Cursor& previous, pipeline::CandidateSink& sink) override {
    pipeline::FetchedStream fetched = pipeline::fetch_since(settings_.location, settings_.access, previous);
    if (fetched.not_modified) {
      pipeline::PollResult unchanged = pipeline::not_modified_since(previous);
      unchanged.expires_unix = fetched.expires_unix;
      return unchanged;
    }
    auto source =
        pipeline::maybe_decompress(std::move(fetched.body), pipeline::decompress_limits(settings_.location.max_bytes));
    const ReadResult read = read_spamhaus(std::move(source), sink);
    pipeline::PollResult result{fetched.cursor(""), false, read.records, /*full_list=*/true};
    // The file's own word on when the list changes next is about the list; the response's header
    // may be a cache's.
    result.expires_unix = read.expires_unix ? read.expires_unix : fetched.expires_unix;
    return result;
  }
  bool full_list() const override { return true; }

 private:
  SpamhausSettings settings_;
};

}  // namespace

std::unique_ptr<pipeline::Connector> make_spamhaus_connector(SpamhausSettings settings) {
  return std::make_unique<SpamhausConnector>(std::move(settings));
}

}  // namespace tcfeed::connectors::spamhaus

namespace tcfeed::connectors {

pipeline::ConnectorType spamhaus_connector_type() {
  pipeline::ConnectorType type;
  type.name = "spamhaus_drop";
  type.description =
      "Spamhaus DROP, DROPv6 or ASN-DROP (one file a connector): the JSON-lines files (drop_v4.json, "
      "drop_v6.json, asndrop.json; the metadata line's record count is checked) or the text files. "
      "CIDR and ASN indicators; the SBL record becomes the Source; a full list (snapshot); the file's "
      "Expires sets the next poll.";
  const auto location_keys =
      pipeline::source_location_keys("e.g. https://www.spamhaus.org/drop/drop_v4.json", spamhaus::kSpamhausMaxBytes);
  type.keys.insert(type.keys.end(), location_keys.begin(), location_keys.end());
  for (auto& key : pipeline::source_access_keys()) type.keys.push_back(std::move(key));
  type.stripped_tags = {"Spamhaus", "Spamhaus DROP", "DROP", "DROPv6", "ASN-DROP", "EDROP"};
  // docs/feeds.md, Poll intervals: "automated downloads must be at least one hour apart".
  type.public_cadence = pipeline::PublicCadence{{"www.spamhaus.org", "spamhaus.org"}, std::chrono::hours(1)};
  type.create = [](pipeline::ConnectorContext& context) -> std::unique_ptr<pipeline::Connector> {
    auto& keys = context.keys;
    spamhaus::SpamhausSettings settings;
    settings.location = pipeline::read_source_location(keys, context.global, spamhaus::kSpamhausMaxBytes);
    settings.access = pipeline::read_source_access(keys, context.global);
    return spamhaus::make_spamhaus_connector(std::move(settings));
  };
  return type;
}

}  // namespace tcfeed::connectors
