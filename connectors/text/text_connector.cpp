#include "connectors/text/text_connector.hpp"

#include "lib/indicators/text.hpp"
#include "lib/pipeline/source_access.hpp"
#include "lib/pipeline/source_fetch.hpp"

namespace tcfeed::connectors {
namespace {

using indicators::text::trim;

class TextConnector final : public pipeline::Connector {
public:
  TextConnector(std::string url, indicators::IndicatorType type, std::string ca_file, std::size_t max_bytes,
                pipeline::SourceAccess access)
      : url_(std::move(url)),
        type_(type),
        ca_file_(std::move(ca_file)),
        max_bytes_(max_bytes),
        access_(std::move(access)) {}

  pipeline::PollResult poll(const state::Cursor& previous, pipeline::CandidateSink& sink) override {
    pipeline::FetchRequest request;
    request.url = url_;
    request.etag = previous.etag;
    request.last_modified = previous.last_modified;
    request.ca_file = ca_file_;
    request.max_bytes = max_bytes_;
    access_.apply(request);
    pipeline::FetchResult fetched = pipeline::fetch_source(request);

    pipeline::PollResult result;
    result.next = state::Cursor{"", fetched.etag, fetched.last_modified};
    if (fetched.not_modified) {
      result.not_modified = true;
      return result;
    }
    std::string_view body = fetched.body;
    pipeline::Candidate candidate;
    candidate.type = type_;
    while (!body.empty()) {
      const auto end = body.find('\n');
      const std::string_view line = trim(body.substr(0, end));
      body = end == std::string_view::npos ? std::string_view() : body.substr(end + 1);
      if (line.empty() || line.front() == '#') continue;
      ++result.records;
      candidate.value = line;
      sink.accept(candidate);
    }
    return result;
  }

private:
  std::string url_;
  indicators::IndicatorType type_;
  std::string ca_file_;
  std::size_t max_bytes_;
  pipeline::SourceAccess access_;
};

}  // namespace

pipeline::ConnectorType text_connector_type() {
  pipeline::ConnectorType type;
  type.name = "text";
  type.description = "A plain list: one value per line; blank lines and lines starting with # are skipped.";
  type.keys = {
      {"url", "url", "", "https:// or file:// address of the list", true},
      {"indicator_type", "string", "",
       "the ThreatConnect type of every value: Address, EmailAddress, File, Host, URL, ASN, CIDR, "
       "Email Subject, Hashtag, Mutex, Registry Key, User Agent",
       true},
      {"ca_file", "path", "(threatconnect.ca_file, else the system store)", "CA bundle for an https:// source", false},
      {"max_bytes", "integer", "268435456", "largest download accepted", false},
  };
  for (auto& key : pipeline::source_access_keys()) type.keys.push_back(std::move(key));
  type.create = [](pipeline::ConnectorContext& context) -> std::unique_ptr<pipeline::Connector> {
    auto& keys = context.keys;
    const std::string url = keys.required_string("url");
    if (url.rfind("https://", 0) != 0 && url.rfind("file://", 0) != 0) {
      keys.fail("url", "expected an https:// or file:// URL");
    }
    const std::string type_name = keys.required_string("indicator_type");
    const auto indicator_type = indicators::parse_indicator_type(type_name);
    if (!indicator_type) {
      keys.fail("indicator_type", "'" + type_name + "' is not a standard ThreatConnect indicator type; expected one of " +
                                      std::string(indicators::all_type_names_joined()));
    }
    std::string ca_file = keys.string("ca_file").value_or(context.global.threatconnect.ca_file);
    const auto max_bytes = keys.integer("max_bytes", 1, std::int64_t{1} << 34).value_or(256 << 20);
    return std::make_unique<TextConnector>(url, *indicator_type, std::move(ca_file), static_cast<std::size_t>(max_bytes),
                                           pipeline::read_source_access(keys, context.global));
  };
  return type;
}

}  // namespace tcfeed::connectors
