// The `json` connector built from YAML through the real loader and registry.
#include <gtest/gtest.h>

#include "connectors/generic/generic_mapper.hpp"
#include "tests/unit/connectors_generic/support.hpp"

namespace tcfeed::connectors::generic {
namespace {

using testing_support::fixture_path;
using testing_support::golden;
using testing_support::poll;
using testing_support::YamlConnector;

std::string url(const std::string& fixture) { return "    url: file://" + fixture_path("generic/" + fixture) + "\n"; }

TEST(GenericJson, LinesWithDottedPathsAndTypeMap) {
  YamlConnector yaml;
  auto connector = yaml.build("json", url("lines.jsonl") +
                                          "    value: ioc.value\n"
                                          "    type_path: ioc.type\n"
                                          "    type_map: {IP: Address, domain: Host}\n"
                                          "    tags_path: tags\n"
                                          "    rating_path: rating\n");
  const auto polled = poll(*connector);
  EXPECT_EQ(polled.lines, golden("generic/lines.expected"));
  EXPECT_EQ(polled.result.records, 4u);
}

TEST(GenericJson, TopLevelArrayWithFilter) {
  YamlConnector yaml;
  auto connector = yaml.build("json", url("array.json") +
                                          "    value: indicator\n"
                                          "    indicator_type: URL\n"
                                          "    confidence_path: confidence\n"
                                          "    filter: {path: source, equals: feed-a}\n");
  EXPECT_EQ(poll(*connector).lines, golden("generic/array.expected"));
}

TEST(GenericJson, RecordsPathAndIncrementalNumericId) {
  YamlConnector yaml;
  auto connector = yaml.build("json", url("wrapped.json") +
                                          "    records_path: data\n"
                                          "    value: v\n"
                                          "    indicator_type: Address\n"
                                          "    mode: incremental\n"
                                          "    id_path: id\n");
  const auto first = poll(*connector, state::Cursor{"3", "", ""});
  EXPECT_EQ(first.lines, (std::vector<std::string>{"Address\t5.6.7.8\t", "Address\t9.9.9.9\t"}));
  EXPECT_EQ(first.result.next.position, "5");
  EXPECT_EQ(first.result.records, 3u);
}

TEST(GenericJson, DottedRecordsPathRefused) {
  YamlConnector yaml;
  const std::string error =
      yaml.error_of("json", url("wrapped.json") + "    records_path: a.b\n    value: v\n    indicator_type: Address\n");
  EXPECT_NE(error.find(yaml.path() + ":10"), std::string::npos) << error;
}

// The mapper alone: unmapped type words are counted, bounded.
class NullSink final : public pipeline::CandidateSink {
 public:
  void accept(const pipeline::Candidate&) override { ++accepted; }
  void unmapped(pipeline::Unmapped reason) override { reasons.emplace_back(pipeline::unmapped_code(reason)); }
  int accepted = 0;
  std::vector<std::string> reasons;
};

TEST(GenericMapper, CountsUnmappedWords) {
  GenericMapOptions options;
  options.type_map = {{"ip", indicators::IndicatorType::Address}};
  GenericMapper mapper(options);
  NullSink sink;
  GenericRecord record;
  record.value = "x";
  for (const char* word : {"ip", "md5", "md5", " IP ", "cve"}) {
    record.type = word;
    mapper.map(record, sink);
  }
  EXPECT_EQ(sink.accepted, 2);
  EXPECT_EQ(sink.reasons, (std::vector<std::string>{"unmapped_type", "unmapped_type", "unmapped_type"}));
  EXPECT_EQ(mapper.unmapped_words().at("md5"), 2u);
  EXPECT_EQ(mapper.unmapped_words().at("cve"), 1u);
}

TEST(GenericMapper, Numbers) {
  EXPECT_EQ(parse_number("3.6"), 4);
  EXPECT_EQ(parse_number(" 80 "), 80);
  EXPECT_FALSE(parse_number("n/a"));
  EXPECT_FALSE(parse_number(""));
  EXPECT_EQ(parse_number("1e300"), std::numeric_limits<int>::max());
}

}  // namespace
}  // namespace tcfeed::connectors::generic
