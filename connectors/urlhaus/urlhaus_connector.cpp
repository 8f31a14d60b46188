#include "connectors/urlhaus/urlhaus_connector.hpp"

#include <algorithm>
#include <charconv>

#include "connectors/urlhaus/urlhaus_reader.hpp"
#include "lib/pipeline/byte_source.hpp"
#include "lib/pipeline/source_fetch.hpp"
#include "lib/pipeline/source_access.hpp"

namespace tcfeed::connectors::urlhaus {
namespace {

// Unreserved characters pass, everything else is %XX: the key goes into a query string.
std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out.push_back(c);
    } else {
      out += {'%', kHex[u >> 4], kHex[u & 15]};
    }
  }
  return out;
}

std::int64_t parse_position(const std::string& position) {
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(position.data(), position.data() + position.size(), id);
  return error == std::errc() && end == position.data() + position.size() ? id : 0;
}

class UrlhausConnector final : public pipeline::Connector {
public:
  UrlhausConnector(UrlhausSettings settings, Clock now) : settings_(std::move(settings)), now_(std::move(now)) {}

  pipeline::PollResult poll(const state::Cursor& previous, pipeline::CandidateSink& sink) override {
    pipeline::FetchRequest request;
    request.url = request_url();
    request.etag = previous.etag;
    request.last_modified = previous.last_modified;
    request.ca_file = settings_.ca_file;
    request.max_bytes = settings_.max_bytes;
    pipeline::FetchedStream fetched = pipeline::fetch_stream(request);

    pipeline::PollResult result;
    result.next = previous;
    if (fetched.not_modified) {
      result.not_modified = true;
      return result;
    }
    UrlhausMapOptions options;
    options.host_as = settings_.host_as;
    options.include_offline = settings_.include_offline;
    options.after_id = parse_position(previous.position);
    // No position yet: the first run takes only the backfill window, not the whole export.
    if (previous.position.empty()) options.not_before = now_() - settings_.backfill;

    auto source = pipeline::maybe_decompress(std::move(fetched.body), settings_.decompress);
    const ReadResult read = read_urlhaus(std::move(source), options, sink);
    result.records = read.records;
    result.next.position = std::to_string(std::max(options.after_id, read.max_id));
    result.next.etag = fetched.etag;
    result.next.last_modified = fetched.last_modified;
    return result;
  }

private:
  // The key rides in the query only for https: fetch_source refuses a file:// query, and its
  // redact_url() keeps the query (and so the key) out of every message.
  std::string request_url() const {
    if (!settings_.auth_key || settings_.url.rfind("https://", 0) != 0) return settings_.url;
    Secret key;
    try {
      key = read_secret(*settings_.auth_key);
    } catch (const SecretError& error) {
      throw pipeline::SourceError(std::string("auth_key: ") + error.what());
    }
    const auto fragment = settings_.url.find('#');
    std::string url = settings_.url.substr(0, fragment);
    url += url.find('?') == std::string::npos ? '?' : '&';
    url += "auth-key=" + percent_encode(key.reveal());
    return url;
  }

  UrlhausSettings settings_;
  Clock now_;
};

}  // namespace

std::unique_ptr<pipeline::Connector> make_urlhaus_connector(UrlhausSettings settings, Clock now) {
  return std::make_unique<UrlhausConnector>(std::move(settings), std::move(now));
}

}  // namespace tcfeed::connectors::urlhaus

namespace tcfeed::connectors {

pipeline::ConnectorType urlhaus_connector_type() {
  pipeline::ConnectorType type;
  type.name = "urlhaus";
  type.description =
      "abuse.ch URLhaus: the csv_recent / csv_online exports or the JSON dump, zip or plain. URL indicators; "
      "threat and tags become tags; cursor = highest id seen.";
  type.keys = {
      {"host_as", "string", "none", "none, or host: also emit the URL's host as Host (Address when it is an IP)", false},
      {"include_offline", "bool", "true", "false skips rows whose url_status is offline", false},
      {"backfill", "duration", "7d", "first run only: take rows added within this long before now", false},
      {"auth_key_file", "secret", "", "abuse.ch Auth-Key, sent as the auth-key query parameter (or auth_key_env / auth_key_credential)", false},
      {"auth_key_env", "secret", "", "see auth_key_file", false},
      {"auth_key_credential", "secret", "", "see auth_key_file", false},
  };
  const auto location_keys = pipeline::source_location_keys("e.g. https://urlhaus.abuse.ch/downloads/csv_recent/");
  type.keys.insert(type.keys.begin(), location_keys.begin(), location_keys.end());
  type.stripped_tags = {"abuse.ch", "URLhaus", "urlhaus"};
  type.create = [](pipeline::ConnectorContext& context) -> std::unique_ptr<pipeline::Connector> {
    auto& keys = context.keys;
    urlhaus::UrlhausSettings settings;
    const auto location = pipeline::read_source_location(keys, context.global);
    settings.url = location.url;
    settings.ca_file = location.ca_file;
    settings.max_bytes = location.max_bytes;
    const std::string host_as = keys.string("host_as").value_or("none");
    if (host_as == "host") {
      settings.host_as = urlhaus::HostAs::Host;
    } else if (host_as != "none") {
      keys.fail("host_as", "expected none or host, got '" + host_as + "'");
    }
    settings.include_offline = keys.boolean("include_offline").value_or(true);
    settings.backfill = keys.duration("backfill").value_or(settings.backfill);
    settings.auth_key = keys.secret("auth_key");
    return urlhaus::make_urlhaus_connector(std::move(settings));
  };
  return type;
}

}  // namespace tcfeed::connectors
