// The spamhaus_drop connector, reader and mapper over their fixtures (file://, both forms of each
// list), against golden candidate lists; a cut JSON-lines file fails the poll; the text form's
// Expires reaches the poll result.
#include "connectors/spamhaus/spamhaus_connector.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "connectors/builtin_connectors.hpp"
#include "connectors/spamhaus/spamhaus_mapper.hpp"
#include "connectors/spamhaus/spamhaus_reader.hpp"
#include "lib/net/backoff.hpp"
#include "lib/pipeline/source/source_fetch.hpp"
#include "tests/unit/connectors_abusech/fixtures.hpp"
#include "tests/unit/feeds/recording_sink.hpp"

namespace tcfeed::connectors::spamhaus {
namespace {

using testing_support::connector_config;
using testing_support::fixture_path;
using testing_support::RecordingSink;

std::vector<std::string> golden(const std::string& name) { return testing_support::golden("spamhaus", name); }

struct Poll {
  pipeline::PollResult result;
  std::vector<std::string> lines;
};

Poll poll_url(const std::string& url, const state::Cursor& cursor = {}) {
  SpamhausSettings settings;
  settings.location.url = url;
  RecordingSink sink;
  auto connector = make_spamhaus_connector(settings);
  EXPECT_TRUE(connector->full_list());
  Poll out{connector->poll(cursor, sink), {}};
  out.lines = std::move(sink.lines);
  return out;
}

Poll poll_fixture(const std::string& name) { return poll_url("file://" + fixture_path("spamhaus", name)); }

struct Read {
  ReadResult result;
  std::vector<std::string> lines;
};

Read read_text(const std::string& text) {
  RecordingSink sink;
  Read out{read_spamhaus(std::make_unique<pipeline::StringSource>(text), sink), {}};
  out.lines = std::move(sink.lines);
  return out;
}

std::string read_error(const std::string& text) {
  RecordingSink sink;
  try {
    read_spamhaus(std::make_unique<pipeline::StringSource>(text), sink);
  } catch (const pipeline::SourceError& error) {
    return error.what();
  }
  return "no error";
}

std::string fixture_text(const std::string& name) {
  std::ifstream in(fixture_path("spamhaus", name));
  return std::string(std::istreambuf_iterator<char>(in), {});
}

constexpr const char* kMetadata3 =
    R"({"type":"metadata","timestamp":1796108400,"size":189,"records":3,"copyright":"(c) 2026","terms":"t"})"
    "\n";

class SpamhausGolden : public testing::TestWithParam<std::pair<std::string, std::string>> {};

TEST_P(SpamhausGolden, EveryPollReadsTheWholeList) {
  const auto& [fixture, expected] = GetParam();
  const Poll first = poll_fixture(fixture);
  EXPECT_EQ(first.lines, golden(expected));
  EXPECT_EQ(first.result.records, golden(expected).size());
  EXPECT_TRUE(first.result.full_list);
  EXPECT_EQ(first.result.next.position, "");
  // A file has no validators: the next poll reads the whole list again.
  EXPECT_EQ(poll_url("file://" + fixture_path("spamhaus", fixture), first.result.next).lines, golden(expected));
}

INSTANTIATE_TEST_SUITE_P(Lists, SpamhausGolden,
                         testing::Values(std::pair{std::string("drop_v4.json"), std::string("drop.expected")},
                                         std::pair{std::string("drop.txt"), std::string("drop.expected")},
                                         std::pair{std::string("drop_v6.json"), std::string("dropv6.expected")},
                                         std::pair{std::string("dropv6.txt"), std::string("dropv6.expected")},
                                         std::pair{std::string("asndrop.json"), std::string("asndrop_json.expected")},
                                         std::pair{std::string("asndrop.txt"), std::string("asndrop_txt.expected")}));

TEST(SpamhausReader, TheTextFormsExpiresIsThePollsExpires) {
  const Poll polled = poll_fixture("drop.txt");
  EXPECT_EQ(polled.result.expires_unix, net::parse_http_date("Wed, 02 Dec 2026 12:48:13 GMT"));
  ASSERT_TRUE(polled.result.expires_unix);
  EXPECT_EQ(*polled.result.expires_unix, 1796215693);
  // The JSON files state none; a file:// source has no response header either.
  EXPECT_FALSE(poll_fixture("drop_v4.json").result.expires_unix);
  // A header that is not a date says nothing.
  EXPECT_FALSE(read_text("; Expires: tomorrow\n192.0.2.0/24 ; SBL1\n").result.expires_unix);
  EXPECT_EQ(read_text("; expires:   Thu, 03 Dec 2026 00:00:00 GMT  \n").result.expires_unix, 1796256000);
}

TEST(SpamhausReader, FormsAreToldApartByContent) {
  EXPECT_EQ(read_text(fixture_text("drop_v4.json")).result.form, Form::JsonLines);
  EXPECT_EQ(read_text("\xEF\xBB\xBF  " + fixture_text("drop_v4.json")).result.form, Form::JsonLines);
  EXPECT_EQ(read_text(fixture_text("drop.txt")).result.form, Form::Text);
  EXPECT_EQ(read_text("").result.form, Form::Text);
}

// The issue: a cut download must fail the poll, not pass for a shorter list whose missing entries
// would be removed.
TEST(SpamhausReader, AJsonLinesFileCutShortFailsThePoll) {
  const std::string whole = fixture_text("drop_v4.json");
  // Cut after the third entry: no metadata line.
  std::size_t third = 0;
  for (int i = 0; i < 3; ++i) third = whole.find('\n', third) + 1;
  EXPECT_NE(read_error(whole.substr(0, third)).find("no metadata line"), std::string::npos);
  // Cut inside the metadata line.
  EXPECT_NE(read_error(whole.substr(0, whole.size() - 40)).find("no metadata line"), std::string::npos);
  // Cut inside an entry.
  EXPECT_NE(read_error(whole.substr(0, third + 10)).find("no metadata line"), std::string::npos);
  // The same over the connector: nothing of the list is returned as a poll.
  const std::string path = testing::TempDir() + "/spamhaus_cut.json";
  std::ofstream(path) << whole.substr(0, third);
  EXPECT_THROW(poll_url("file://" + path), pipeline::SourceError);
}

TEST(SpamhausReader, TheMetadataCountMustMatchTheLinesRead) {
  // Lines lost in the middle (a proxy that drops a chunk): the count says so.
  const std::string two = R"({"cidr":"31.24.81.0/24","sblid":"SBL1","rir":"ripencc"})"
                          "\n"
                          R"({"cidr":"45.137.216.0/22","sblid":"SBL2","rir":"ripencc"})"
                          "\n";
  const std::string error = read_error(two + kMetadata3);
  EXPECT_NE(error.find("the metadata line counts 3 records, the file has 2"), std::string::npos) << error;
  EXPECT_NE(error.find("nothing is removed"), std::string::npos) << error;
  // More lines than counted is as wrong.
  EXPECT_NE(read_error(two + two + kMetadata3).find("counts 3 records, the file has 4"), std::string::npos);
  // A line after the metadata line, a second metadata line, a metadata line without a count.
  EXPECT_NE(read_error(two + kMetadata3 + two).find("follows the metadata line"), std::string::npos);
  EXPECT_NE(read_error(two + kMetadata3 + kMetadata3).find("follows the metadata line"), std::string::npos);
  EXPECT_NE(read_error(two + R"({"type":"metadata","records":"two"})"
                             "\n")
                .find("no record count"),
            std::string::npos);
}

TEST(SpamhausReader, AMalformedJsonLineIsCountedAndStillALineOfTheList) {
  // Three lines, one the parser refuses and one without a network: the count matches, so the poll
  // goes on; the refused line is unread (removals withheld downstream), the other malformed.
  const Read read = read_text(R"({"cidr":"31.24.81.0/24","sblid":"SBL1"})"
                              "\n"
                              R"({"cidr":"45.137.216.0/22",)"
                              "\n"
                              R"({"sblid":"SBL3","rir":"ripencc"})"
                              "\n" +
                              std::string(kMetadata3));
  EXPECT_EQ(read.result.records, 3u);
  EXPECT_EQ(read.lines,
            (std::vector<std::string>{"CIDR\t31.24.81.0/24\t\tattr=Source:https://check.spamhaus.org/sbl/query/SBL1",
                                      "unmapped\tmalformed_row", "unmapped\tmalformed_row"}));
}

TEST(SpamhausReader, TextFormCommentsBlankLinesAndMalformedLines) {
  const Read read = read_text(
      "; Spamhaus DROP List 2026/12/01 - (c) 2026 The Spamhaus Project SLU\r\n"
      "\r\n"
      "   ; an indented comment\n"
      "31.24.81.0/24 ; SBL210112\r\n"
      "45.137.216.0/22\n"                // no SBL id: the list's page is the Source
      "103.77.192.0/22 ; SBL<script>\n"  // an id of another shape is not put into an address
      "not a network at all\n"
      "SBL5 ; 31.24.81.0/24\n"
      "ASX ; US | name\n"
      "AS64496 ; RU | EXAMPLE-BPH-AS\n"
      "146.19.24.0/24 ; SBL587720");  // no newline at the end: cut off there
  EXPECT_EQ(read.result.records, 8u);
  EXPECT_EQ(read.lines, (std::vector<std::string>{
                            "CIDR\t31.24.81.0/24\t\tattr=Source:https://check.spamhaus.org/sbl/query/SBL210112",
                            "CIDR\t45.137.216.0/22\t\tattr=Source:https://www.spamhaus.org/drop/",
                            "CIDR\t103.77.192.0/22\t\tattr=Source:https://www.spamhaus.org/drop/",
                            "unmapped\tmalformed_row", "unmapped\tmalformed_row", "unmapped\tmalformed_row",
                            "ASN\tAS64496\t\tattr=Source:https://www.spamhaus.org/drop/", "unmapped\tmalformed_row"}));
}

TEST(SpamhausReader, AnOversizedLineIsCountedNotHeld) {
  const Read text = read_text(std::string(kMaxLineBytes + 1, 'x') + "\n31.24.81.0/24 ; SBL1\n");
  EXPECT_EQ(text.result.records, 2u);
  EXPECT_EQ(text.lines.front(), "unmapped\toversized_record");
  // In the JSON form the oversized line still counts as a line of the list.
  const Read json = read_text(R"({"cidr":"31.24.81.0/24","pad":")" + std::string(kMaxLineBytes, 'x') + "\"}\n" +
                              R"({"cidr":"45.137.216.0/22"})"
                              "\n" +
                              R"({"type":"metadata","records":2})"
                              "\n");
  EXPECT_EQ(json.result.records, 2u);
  EXPECT_EQ(json.lines, (std::vector<std::string>{"CIDR\t45.137.216.0/22\t\tattr=Source:https://www.spamhaus.org/drop/",
                                                  "unmapped\toversized_record"}));
}

TEST(SpamhausMapper, ShapesAndSources) {
  SpamhausMapper mapper;
  RecordingSink sink;
  EXPECT_EQ(mapper.map({"", "64496", ""}, sink), Verdict::Mapped);
  EXPECT_EQ(mapper.map({"", "as64496", ""}, sink), Verdict::Mapped);
  EXPECT_EQ(mapper.map({"", "AS", ""}, sink), Verdict::Malformed);
  EXPECT_EQ(mapper.map({"", "12345678901", ""}, sink), Verdict::Malformed);         // more digits than any AS has
  EXPECT_EQ(mapper.map({"31.24.81.0/24", "64496", ""}, sink), Verdict::Malformed);  // both: which one?
  EXPECT_EQ(mapper.map({"31.24.81.7", "", "SBL1"}, sink), Verdict::Malformed);      // a network has a prefix
  EXPECT_EQ(mapper.map({"", "", ""}, sink), Verdict::Malformed);
  EXPECT_EQ(mapper.map({" 31.24.81.0/24 ", "", " SBL42 "}, sink), Verdict::Mapped);
  EXPECT_EQ(sink.lines, (std::vector<std::string>{
                            "ASN\t64496\t\tattr=Source:https://www.spamhaus.org/drop/",
                            "ASN\tas64496\t\tattr=Source:https://www.spamhaus.org/drop/",
                            "unmapped\tmalformed_row",
                            "unmapped\tmalformed_row",
                            "unmapped\tmalformed_row",
                            "unmapped\tmalformed_row",
                            "unmapped\tmalformed_row",
                            "CIDR\t31.24.81.0/24\t\tattr=Source:https://check.spamhaus.org/sbl/query/SBL42",
                        }));
  EXPECT_TRUE(is_sbl_id("SBL1"));
  EXPECT_FALSE(is_sbl_id("SBL"));
  EXPECT_FALSE(is_sbl_id("sbl1"));
  EXPECT_FALSE(is_sbl_id("SBL1/../x"));
}

TEST(SpamhausConnectorType, RegisteredWithItsKeysAndCadence) {
  const auto* type = pipeline::builtin_connectors().find("spamhaus_drop");
  ASSERT_NE(type, nullptr);
  std::vector<std::string> names;
  for (const auto& key : type->keys) names.push_back(key.name);
  std::vector<std::string> expected = {"url",
                                       "ca_file",
                                       "tls_client_cert",
                                       "tls_client_key_file",
                                       "tls_client_key_env",
                                       "tls_client_key_credential",
                                       "max_bytes",
                                       "fetch_timeout",
                                       "fetch_min_rate",
                                       "fetch_min_rate_window"};
  for (const auto& key : pipeline::source_access_keys()) expected.push_back(key.name);
  EXPECT_EQ(names, expected);
  for (const auto& key : type->keys) {
    if (key.name == "max_bytes") {
      EXPECT_EQ(key.default_value, std::to_string(kSpamhausMaxBytes));
    }
  }
  ASSERT_TRUE(type->public_cadence);
  EXPECT_EQ(type->public_cadence->min_every, std::chrono::hours(1));

  const config::Config global;
  const auto& registry = pipeline::builtin_connectors();
  auto create = [&](const std::string& yaml) {
    return registry.create(connector_config("spamhaus_drop", yaml), global);
  };
  EXPECT_TRUE(create("url: https://www.spamhaus.org/drop/drop_v4.json\n")->full_list());
  EXPECT_THROW(create("url: http://www.spamhaus.org/drop/drop_v4.json\n"), config::ConfigError);
  EXPECT_THROW(create("{}"), config::ConfigError);
}

}  // namespace
}  // namespace tcfeed::connectors::spamhaus
