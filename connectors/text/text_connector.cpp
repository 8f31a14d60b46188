#include "connectors/text/text_connector.hpp"

#include <string>
#include <string_view>

#include "connectors/line_reader.hpp"
#include "lib/indicators/text.hpp"
#include "lib/pipeline/source/byte_source.hpp"
#include "lib/pipeline/source/source_access.hpp"
#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::connectors {
namespace {

using indicators::text::trim;

class TextConnector final : public pipeline::Connector {
 public:
  TextConnector(pipeline::SourceLocation location, indicators::IndicatorType type, pipeline::SourceAccess access)
      : location_(std::move(location)), type_(type), access_(std::move(access)) {}

  pipeline::PollResult poll(const state::Cursor& previous, pipeline::CandidateSink& sink) override {
    pipeline::FetchedStream fetched = pipeline::fetch_since(location_, access_, previous);
    if (fetched.not_modified) return pipeline::not_modified_since(previous);

    pipeline::PollResult result{fetched.cursor(""), false, 0, /*full_list=*/true};
    pipeline::Candidate candidate;
    candidate.type = type_;
    // Trimmed; blank lines and `#` comments skipped. No limit on a line: any value the type allows.
    read_lines(*fetched.body, {}, [&](const Line& line) {
      const std::string_view value = trim(line.text);
      if (value.empty() || value.front() == '#') return;
      ++result.records;
      candidate.value = value;
      sink.accept(candidate);
    });
    return result;
  }
  bool full_list() const override { return true; }

 private:
  pipeline::SourceLocation location_;
  indicators::IndicatorType type_;
  pipeline::SourceAccess access_;
};

}  // namespace

pipeline::ConnectorType text_connector_type() {
  pipeline::ConnectorType type;
  type.name = "text";
  type.description = "A plain list: one value per line; blank lines and lines starting with # are skipped.";
  type.keys = {
      {"indicator_type", "string", "",
       "the ThreatConnect type of every value: Address, EmailAddress, File, Host, URL, ASN, CIDR, "
       "Email Subject, Hashtag, Mutex, Registry Key, User Agent",
       true},
  };
  const auto location_keys = pipeline::source_location_keys("the list");
  type.keys.insert(type.keys.begin(), location_keys.begin(), location_keys.end());
  for (auto& key : pipeline::source_access_keys()) type.keys.push_back(std::move(key));
  type.create = [](pipeline::ConnectorContext& context) -> std::unique_ptr<pipeline::Connector> {
    auto& keys = context.keys;
    const auto location = pipeline::read_source_location(keys, context.global);
    const std::string type_name = keys.required_string("indicator_type");
    const auto indicator_type = indicators::parse_indicator_type(type_name);
    if (!indicator_type) {
      keys.fail("indicator_type", "'" + type_name +
                                      "' is not a standard ThreatConnect indicator type; expected one of " +
                                      std::string(indicators::all_type_names_joined()));
    }
    return std::make_unique<TextConnector>(location, *indicator_type,
                                           pipeline::read_source_access(keys, context.global));
  };
  return type;
}

}  // namespace tcfeed::connectors
