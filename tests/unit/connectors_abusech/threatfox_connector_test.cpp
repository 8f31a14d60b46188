// The threatfox connector end to end over its fixtures (file://), against
// golden candidate lists.
#include "connectors/threatfox/threatfox_connector.hpp"
#include "connectors/builtin_connectors.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "connectors/threatfox/threatfox_api.hpp"
#include "lib/pipeline/source/source_fetch.hpp"
#include "tests/unit/connectors_abusech/abusech_sink.hpp"
#include "tests/unit/connectors_abusech/fixtures.hpp"

namespace tcfeed::connectors::threatfox {
namespace {

using testing_support::AbusechSink;
using testing_support::connector_config;
using testing_support::fixture_path;

std::vector<std::string> golden(const std::string& name) { return testing_support::golden("threatfox", name); }

ThreatfoxSettings settings_for(const std::string& fixture) {
  ThreatfoxSettings settings;
  settings.location.url = "file://" + fixture_path("threatfox", fixture);
  return settings;
}

struct Poll {
  pipeline::PollResult result;
  std::vector<std::string> lines;
};

Poll poll(const ThreatfoxSettings& settings, const state::Cursor& cursor = {}) {
  AbusechSink sink;
  auto connector = make_threatfox_connector(settings);
  Poll out{connector->poll(cursor, sink), {}};
  out.lines = std::move(sink.lines);
  return out;
}

std::string error_of(const ThreatfoxSettings& settings) {
  try {
    poll(settings);
  } catch (const pipeline::SourceError& error) {
    return error.what();
  }
  return "(no error)";
}

struct GoldenCase {
  std::string fixture, expected, position;
  std::size_t records;
  std::vector<std::string> repoll;  // what a second poll with the new cursor still reports
};

class ThreatfoxGolden : public testing::TestWithParam<GoldenCase> {};

TEST_P(ThreatfoxGolden, CandidatesCursorAndRepoll) {
  const auto& param = GetParam();
  const Poll first = poll(settings_for(param.fixture));
  EXPECT_EQ(first.lines, golden(param.expected));
  EXPECT_EQ(first.result.next.position, param.position);
  EXPECT_EQ(first.result.records, param.records);

  const Poll second = poll(settings_for(param.fixture), first.result.next);
  EXPECT_EQ(second.lines, param.repoll);
  EXPECT_EQ(second.result.next.position, param.position);
}

INSTANTIATE_TEST_SUITE_P(
    Threatfox, ThreatfoxGolden,
    testing::Values(GoldenCase{"csv_recent.csv", "csv_recent.expected", "1278400", 11, {}},
                    GoldenCase{"csv_full.zip", "csv_full.expected", "1278300", 3, {}},
                    // The JSON export: IOCs keyed by id; a member whose key is no id is
                    // a malformed row, not an IOC without a place against the cursor.
                    GoldenCase{
                        "export_recent.json", "export_recent.expected", "1278400", 4, {"unmapped\tmalformed_row"}},
                    GoldenCase{"api_get_iocs.json",
                               "api_get_iocs.expected",
                               "1278400",
                               6,
                               // an element without an id cannot be placed against the cursor
                               {"unmapped\tmalformed_row"}}));

TEST(ThreatfoxConnector, RowsAtOrBelowTheCursorAreSkipped) {
  const Poll polled = poll(settings_for("csv_recent.csv"), state::Cursor{"1278398", "", ""});
  const auto expected = golden("csv_recent.expected");
  EXPECT_EQ(polled.lines, (std::vector<std::string>{expected[0], expected[1]}));
  EXPECT_EQ(polled.result.next.position, "1278400");
  // A cursor above everything in the file keeps its value.
  EXPECT_EQ(poll(settings_for("csv_recent.csv"), state::Cursor{"9999999", "", ""}).result.next.position, "9999999");
}

TEST(ThreatfoxConnector, MinConfidence) {
  auto settings = settings_for("csv_recent.csv");
  settings.min_confidence = 75;
  const Poll polled = poll(settings);
  EXPECT_EQ(std::count(polled.lines.begin(), polled.lines.end(), "unmapped\tbelow_min_confidence"), 5);
  EXPECT_EQ(polled.lines[0], golden("csv_recent.expected")[0]);
  EXPECT_EQ(polled.lines[1], golden("csv_recent.expected")[1]);
}

TEST(ThreatfoxConnector, IocTypes) {
  auto settings = settings_for("api_get_iocs.json");
  settings.ioc_types.reset().set(static_cast<std::size_t>(IocType::Domain)).set(static_cast<std::size_t>(IocType::Url));
  const Poll polled = poll(settings);
  const auto expected = golden("api_get_iocs.expected");
  EXPECT_EQ(polled.lines,
            (std::vector<std::string>{"unmapped\tioc_type_not_selected", "unmapped\tioc_type_not_selected", expected[2],
                                      expected[3], "unmapped\tmalformed_row", "unmapped\tioc_type_not_selected"}));
  EXPECT_EQ(polled.result.next.position,
            "1278400");  // filtered rows still move the cursor
}

TEST(ThreatfoxConnector, ApiNoResultIsEmptyAndOtherStatusesAreErrors) {
  const Poll empty = poll(settings_for("api_no_result.json"));
  EXPECT_TRUE(empty.lines.empty());
  EXPECT_EQ(empty.result.records, 0u);
  EXPECT_EQ(empty.result.next.position, "0");
  EXPECT_EQ(error_of(settings_for("api_bad_key.json")), "ThreatFox API: query_status 'unknown_auth_key'");
}

TEST(ThreatfoxConnector, AnObjectOfAnotherShapeSaysWhatIsRead) {
  const std::string path = ::testing::TempDir() + "threatfox-other.json";
  std::ofstream(path) << R"({"iocs":[{"ioc":"evil-c2.example.com"}]})";
  ThreatfoxSettings settings;
  settings.location.url = "file://" + path;
  const std::string error = error_of(settings);
  EXPECT_NE(error.find("neither an API response (it has no query_status) nor the JSON export"), std::string::npos)
      << error;
}

// The status is the source's text: an error shows all of it, escaped, even past a NUL (which
// ended the message there) or a line break.
TEST(ThreatfoxConnector, AnUnknownStatusIsShownWholeAndEscaped) {
  const std::string path = ::testing::TempDir() + "threatfox-status.json";
  std::ofstream(path) << R"({"query_status":"bad\u0000hidden\ncritical: forged","data":[]})";
  ThreatfoxSettings settings;
  settings.location.url = "file://" + path;
  EXPECT_EQ(error_of(settings), "ThreatFox API: query_status 'bad\\x00hidden\\ncritical: forged'");
}

TEST(ThreatfoxConnector, ARateLimitInTheBodyAsksTheSchedulerToSlowDown) {
  // abuse.ch may say it in the answer rather than the status (docs/feeds.md, abuse.ch keys): the error carries it.
  try {
    poll(settings_for("api_ratelimited.json"));
    FAIL() << "a rate-limited answer was read as data";
  } catch (const pipeline::SourceError& error) {
    EXPECT_TRUE(error.ask().rate_limited);
    EXPECT_FALSE(error.ask().retry_after.has_value());
    EXPECT_NE(std::string(error.what()).find("rate limited"), std::string::npos);
  }
  try {
    poll(settings_for("api_bad_key.json"));
  } catch (const pipeline::SourceError& error) {
    EXPECT_FALSE(error.ask().any());  // a bad key is no reason to wait longer
  }
}

// The issue's document: one valid IOC and one nested 100,000 deep lost both, logged as one
// unmapped record. The valid IOC is mapped; the deep one is counted as too deeply nested.
TEST(ThreatfoxConnector, AnIocNestedTooDeeplyCostsOnlyItself) {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "{\"x\":";
  deep += "1" + std::string(100000, '}');
  const std::string path = ::testing::TempDir() + "threatfox-deep.json";
  std::ofstream(path) << "{\"query_status\":\"ok\",\"data\":[{\"id\":\"7\",\"ioc\":\"evil-c2.example.com\","
                         "\"ioc_type\":\"domain\",\"threat_type\":\"botnet_cc\",\"confidence_level\":50},"
                      << deep << "]}";
  ThreatfoxSettings settings;
  settings.location.url = "file://" + path;
  const Poll polled = poll(settings);
  EXPECT_EQ(polled.lines,
            (std::vector<std::string>{"Host\tevil-c2.example.com\tbotnet_cc\t50\t", "unmapped\ttoo_deep"}));
  EXPECT_EQ(polled.result.records, 2u);
  EXPECT_EQ(polled.result.next.position, "7");
}

TEST(ThreatfoxConnector, MissingColumnIsALoudError) {
  const std::string path = testing::TempDir() + "/threatfox_missing_column.csv";
  std::ofstream(path) << "# "
                         "\"first_seen_utc\",\"ioc_id\",\"ioc\",\"ioc_type\",\"threat_type\","
                         "\"malware_printable\","
                         "\"confidence_level\",\"reference\",\"tags\"\n"
                         "\"2024-05-14 10:00:00\", \"1\", \"a.example\", \"domain\", "
                         "\"botnet_cc\", \"X\", \"50\", \"None\", \"None\"\n";
  ThreatfoxSettings settings;
  settings.location.url = "file://" + path;
  const std::string error = error_of(settings);
  EXPECT_NE(error.find("no 'ioc_value' column"), std::string::npos) << error;
}

TEST(ThreatfoxConnector, ApiUrlIsPostedAndTheKeyNeverAppearsInErrors) {
  EXPECT_TRUE(is_api_url("https://threatfox-api.abuse.ch/api/v1/"));
  EXPECT_FALSE(is_api_url("https://threatfox.abuse.ch/export/csv/recent/"));
  EXPECT_FALSE(is_api_url("file:///srv/api/v1/response.json"));
  ::setenv("TCFEED_TEST_THREATFOX_KEY", "s3cr3t-key", 1);
  ThreatfoxSettings settings;
  settings.location.url = "https://127.0.0.1:1/api/v1/";
  settings.access.auth = pipeline::SourceAccess::Auth::Header;
  settings.access.auth_name = "Auth-Key";
  settings.access.secret = SecretRef{SecretRef::Kind::Env, "TCFEED_TEST_THREATFOX_KEY"};
  const std::string error = error_of(settings);
  EXPECT_NE(error, "(no error)");
  EXPECT_EQ(error.find("s3cr3t"), std::string::npos) << error;
}

TEST(ThreatfoxConnectorType, RegisteredWithItsKeys) {
  const auto* type = pipeline::builtin_connectors().find("threatfox");
  ASSERT_NE(type, nullptr);
  std::vector<std::string> names;
  for (const auto& key : type->keys) names.push_back(key.name);
  for (const char* key : {"url", "days", "auth_key_file", "auth_key_env", "auth_key_credential", "min_confidence",
                          "ioc_types", "ca_file", "max_bytes"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), key), names.end()) << key;
  }
  EXPECT_EQ(type->stripped_tags, (std::vector<std::string>{"abuse.ch", "ThreatFox"}));
}

TEST(ThreatfoxConnectorType, FactoryValidatesKeys) {
  const config::Config global;
  const auto& registry = pipeline::builtin_connectors();
  auto create = [&](const std::string& yaml) { return registry.create(connector_config("threatfox", yaml), global); };
  EXPECT_NE(create("url: https://threatfox-api.abuse.ch/api/v1/\ndays: "
                   "7\nauth_key_env: KEY\nmin_confidence: 75\n"
                   "ioc_types: [ip:port, domain, url, md5_hash, sha1_hash, "
                   "sha256_hash]\n"),
            nullptr);
  EXPECT_THROW(create("url: ftp://x/\n"), config::ConfigError);
  EXPECT_THROW(create("url: https://x/api/v1/\nauth_key: inline\n"), config::ConfigError);
  EXPECT_THROW(create("url: https://x/\nmin_confidence: 101\n"), config::ConfigError);
  EXPECT_THROW(create("url: https://x/\ndays: 8\n"), config::ConfigError);
  EXPECT_THROW(create("url: https://x/\nioc_types: []\n"), config::ConfigError);
  try {
    create("url: https://x/\nioc_types:\n  - url\n  - ip\n");
    FAIL() << "no error";
  } catch (const config::ConfigError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("unknown ioc_type 'ip'"), std::string::npos) << message;
    EXPECT_NE(message.find("ioc_types"), std::string::npos) << message;
    EXPECT_NE(message.find("line 4"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace tcfeed::connectors::threatfox
