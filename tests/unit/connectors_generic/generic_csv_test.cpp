// The `csv` connector built from YAML through the real loader and registry.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/unit/connectors_generic/support.hpp"

namespace tcfeed::connectors::generic {
namespace {

using testing_support::fixture_path;
using testing_support::golden;
using testing_support::poll;
using testing_support::YamlConnector;

std::string url(const std::string& fixture) { return "    url: file://" + fixture_path("generic/" + fixture) + "\n"; }

const std::string kTyped =
    "    value: indicator\n"
    "    type_column: kind\n"
    "    type_map: {ip: Address, domain: Host, url: URL}\n";

TEST(GenericCsv, HeaderByNameWithTypeMapRatingConfidenceTags) {
  YamlConnector yaml;
  auto connector = yaml.build("csv", url("with_header.csv") + kTyped +
                                         "    rating_column: score\n"
                                         "    confidence_column: confidence\n"
                                         "    tags_column: labels\n");
  const auto polled = poll(*connector);
  EXPECT_EQ(polled.lines, golden("generic/with_header.expected"));
  EXPECT_EQ(polled.result.records, 6u);
  EXPECT_EQ(polled.result.next.position, "");
}

TEST(GenericCsv, NoHeaderColumnByNumber) {
  YamlConnector yaml;
  auto connector = yaml.build("csv", url("no_header.csv") +
                                         "    header: false\n"
                                         "    value: 2\n"
                                         "    indicator_type: Host\n");
  EXPECT_EQ(poll(*connector).lines, golden("generic/no_header.expected"));
}

TEST(GenericCsv, ColumnNumberWithHeader) {
  YamlConnector yaml;
  auto connector = yaml.build("csv", url("with_header.csv") + "    value: 3\n    indicator_type: Address\n");
  EXPECT_EQ(poll(*connector).lines.at(0), "Address\t198.51.100.7\t");
}

TEST(GenericCsv, FilterEquals) {
  YamlConnector yaml;
  auto connector =
      yaml.build("csv", url("with_header.csv") + kTyped + "    filter: {column: status, equals: retired}\n");
  const auto polled = poll(*connector);
  EXPECT_EQ(polled.lines, (std::vector<std::string>{"URL\thttp://evil.example.com/x\t"}));
  EXPECT_EQ(polled.result.records, 1 + polled.left_out.at("filtered"));  // every other row: counted, not lost
}

TEST(GenericCsv, FilterMatches) {
  YamlConnector yaml;
  auto connector =
      yaml.build("csv", url("with_header.csv") + kTyped + "    filter: {column: indicator, matches: '^evil\\.'}\n");
  EXPECT_EQ(poll(*connector).lines, (std::vector<std::string>{"Host\tevil.example.com\t"}));
}

TEST(GenericCsv, IncrementalIdCursor) {
  YamlConnector yaml;
  auto connector = yaml.build("csv", url("with_header.csv") + kTyped + "    mode: incremental\n    id_column: id\n");
  const auto first = poll(*connector);
  EXPECT_EQ(first.result.next.position, "106");
  const auto again = poll(*connector, first.result.next);
  EXPECT_TRUE(again.lines.empty());
  const auto partial = poll(*connector, state::Cursor{"104", "", ""});
  EXPECT_EQ(partial.lines, (std::vector<std::string>{"unmapped\tmissing_value", "Host\tbad.example.net\t"}));
}

// The row: `"rm-good19.example"x,domain` swallowed every following row into one record
// ("unmapped type"), and a full list then took them for removed. Now the row alone is dropped,
// counted as a broken quote (which marks the list incomplete), and the rows after it are read.
TEST(GenericCsv, AStrayQuoteDropsItsRowAndTheNextRowsStillMap) {
  const std::string file = std::filesystem::temp_directory_path() / ("tcfeed-stray-" + std::to_string(::getpid()));
  std::ofstream(file) << "indicator,kind\nrm-good18.example,domain\n\"rm-good19.example\"x,domain\n"
                         "rm-good20.example,domain\nrm-good21.example,domain\n";
  YamlConnector yaml;
  auto connector = yaml.build("csv", "    url: file://" + file + "\n" + kTyped);
  const auto polled = poll(*connector);
  std::filesystem::remove(file);
  EXPECT_EQ(polled.lines, (std::vector<std::string>{"Host\trm-good18.example\t", "Host\trm-good20.example\t",
                                                    "Host\trm-good21.example\t", "unmapped\tbroken_quote"}));
  EXPECT_EQ(polled.result.records, 4u);
  EXPECT_TRUE(polled.result.full_list);
}

TEST(GenericCsv, MissingNamedColumnIsLoud) {
  YamlConnector yaml;
  auto connector = yaml.build("csv", url("with_header.csv") + "    value: nope\n    indicator_type: Host\n");
  testing_support::GoldenSink sink;
  EXPECT_THROW(connector->poll({}, sink), std::runtime_error);
}

const std::string kTabTyped =
    "    value: indicator\n"
    "    type_column: kind\n"
    "    type_map: {ip: Address, domain: Host, url: URL, ua: User Agent}\n"
    "    rating_column: score\n"
    "    confidence_column: confidence\n"
    "    tags_column: labels\n";

// A tab written as YAML's "\t" (a real tab) or as the two characters \t: the same file. Commas
// inside fields stay data; a quoted field keeps its tab; the header names the columns.
TEST(GenericCsv, TabSeparatedFile) {
  for (const std::string delimiter : {"\"\\t\"", "'\\t'"}) {
    YamlConnector yaml;
    auto connector = yaml.build("csv", url("tab_separated.tsv") + kTabTyped + "    delimiter: " + delimiter + "\n");
    const auto polled = poll(*connector);
    EXPECT_EQ(polled.lines, golden("generic/tab_separated.expected")) << delimiter;
    EXPECT_EQ(polled.result.records, 4u);
  }
  // Read with the default comma, the same file has no 'indicator' column.
  YamlConnector yaml;
  auto comma = yaml.build("csv", url("tab_separated.tsv") + kTabTyped);
  testing_support::GoldenSink sink;
  EXPECT_THROW(comma->poll({}, sink), std::runtime_error);
}

TEST(GenericCsv, SemicolonDelimiterWithQuotedSemicolonsAndIncrementalIds) {
  const std::string path = testing::TempDir() + "/semicolon.csv";
  std::ofstream(path) << "id;host;note\n7;\"a.example\";\"x; y, z\"\n9;b.example;plain\n";
  YamlConnector yaml;
  auto connector = yaml.build("csv", "    url: file://" + path +
                                         "\n    value: host\n    indicator_type: Host\n    tags_column: note\n"
                                         "    delimiter: ';'\n    mode: incremental\n    id_column: id\n");
  const auto polled = poll(*connector);
  EXPECT_EQ(polled.lines, (std::vector<std::string>{"Host\ta.example\tx; y|z", "Host\tb.example\tplain"}));
  EXPECT_EQ(polled.result.next.position, "9");
}

TEST(GenericCsv, DelimiterIsOneCharacterOtherThanTheQuoteAndTheComment) {
  YamlConnector yaml;
  const std::string base = url("no_header.csv") + "    header: false\n    value: 2\n    indicator_type: Host\n";
  EXPECT_EQ(yaml.error_of("csv", base + "    delimiter: '|'\n"), "");
  for (const std::string bad : {"';;'", "''", "'\"'", "'\\n'", "'§'"}) {
    const std::string error = yaml.error_of("csv", base + "    delimiter: " + bad + "\n");
    EXPECT_NE(error.find(yaml.path() + ":13"), std::string::npos) << bad << ": " << error;
    EXPECT_NE(error.find("expected one character"), std::string::npos) << bad << ": " << error;
  }
  EXPECT_NE(yaml.error_of("csv", base + "    delimiter: '#'\n").find("comment character"), std::string::npos);
  EXPECT_EQ(yaml.error_of("csv", base + "    delimiter: '#'\n    comment: ''\n"), "");
}

TEST(GenericCsv, ConfigErrorsAreLocated) {
  YamlConnector yaml;
  const std::string bad_regex =
      yaml.error_of("csv", url("with_header.csv") + kTyped + "    filter: {column: kind, matches: '(['}\n");
  EXPECT_NE(bad_regex.find(yaml.path() + ":13"), std::string::npos) << bad_regex;
  EXPECT_NE(bad_regex.find("matches"), std::string::npos) << bad_regex;

  const std::string bad_type =
      yaml.error_of("csv", url("with_header.csv") + "    value: indicator\n    indicator_type: Domain\n");
  EXPECT_NE(bad_type.find(yaml.path() + ":11"), std::string::npos) << bad_type;
  EXPECT_NE(bad_type.find("not a standard"), std::string::npos) << bad_type;

  const std::string bad_map = yaml.error_of("csv", url("with_header.csv") +
                                                       "    value: indicator\n    type_column: kind\n"
                                                       "    type_map:\n      ip: Address\n      domain: Domain\n");
  EXPECT_NE(bad_map.find(yaml.path() + ":14"), std::string::npos) << bad_map;
  EXPECT_NE(bad_map.find("type_map.domain"), std::string::npos) << bad_map;

  EXPECT_NE(
      yaml.error_of("csv", url("no_header.csv") + "    header: false\n    value: host\n    indicator_type: Host\n")
          .find("header is false"),
      std::string::npos);
  EXPECT_NE(
      yaml.error_of("csv", url("no_header.csv") + "    value: 2\n    indicator_type: Host\n    mode: incremental\n")
          .find("id_column"),
      std::string::npos);
  EXPECT_NE(yaml.error_of("csv", url("no_header.csv") + "    value: 2\n").find("indicator_type"), std::string::npos);
}

}  // namespace
}  // namespace tcfeed::connectors::generic
