// The urlhaus connector end to end over its fixtures (file://), against golden candidate lists.
#include "connectors/urlhaus/urlhaus_connector.hpp"
#include "connectors/builtin_connectors.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "connectors/urlhaus/urlhaus_mapper.hpp"
#include "lib/pipeline/source/source_fetch.hpp"
#include "tests/unit/feeds/recording_sink.hpp"

namespace tcfeed::connectors::urlhaus {
namespace {

using testing_support::RecordingSink;

std::string fixture_path(const std::string& name) {
  const char* dir = std::getenv("TCFEED_SOURCE_DIR");
  return std::string(dir ? dir : ".") + "/tests/fixtures/urlhaus/" + name;
}

std::vector<std::string> golden(const std::string& name) {
  std::ifstream in(fixture_path(name));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

Clock fixed_now() {
  return [] { return *parse_dateadded("2024-05-14 12:00:00"); };
}

UrlhausSettings settings_for(const std::string& fixture) {
  UrlhausSettings settings;
  settings.location.url = "file://" + fixture_path(fixture);
  return settings;
}

struct Poll {
  pipeline::PollResult result;
  std::vector<std::string> lines;
  std::map<std::string, std::size_t> left_out;
};

Poll poll(const UrlhausSettings& settings, const state::Cursor& cursor = {}) {
  RecordingSink sink;
  auto connector = make_urlhaus_connector(settings, fixed_now());
  Poll out{connector->poll(cursor, sink), {}, {}};
  out.lines = std::move(sink.lines);
  out.left_out = std::move(sink.left_out);
  return out;
}

class Golden : public testing::TestWithParam<std::pair<std::string, std::string>> {};

TEST_P(Golden, CandidatesCursorAndRepoll) {
  const auto& [fixture, expected] = GetParam();
  const Poll first = poll(settings_for(fixture));
  EXPECT_EQ(first.lines, golden(expected));
  EXPECT_EQ(first.result.next.position, "2843720");
  EXPECT_EQ(first.result.records, 6u);
  EXPECT_FALSE(first.result.not_modified);

  const Poll second = poll(settings_for(fixture), first.result.next);
  EXPECT_TRUE(second.lines.empty()) << second.lines.front();
  EXPECT_EQ(second.result.next.position, "2843720");
}

INSTANTIATE_TEST_SUITE_P(Urlhaus, Golden,
                         testing::Values(std::pair{std::string("csv_recent.csv"), std::string("csv_recent.expected")},
                                         std::pair{std::string("csv_recent.zip"), std::string("csv_recent.expected")},
                                         std::pair{std::string("json_recent.json"),
                                                   std::string("json_recent.expected")}));

TEST(UrlhausConnector, IncludeOfflineFalse) {
  auto settings = settings_for("csv_recent.csv");
  settings.include_offline = false;
  const Poll polled = poll(settings);
  EXPECT_EQ(polled.lines.at(2), "unmapped\toffline");
  EXPECT_EQ(polled.lines.size(), 5u);
}

TEST(UrlhausConnector, BackfillBoundsTheFirstRun) {
  auto settings = settings_for("csv_recent.csv");
  settings.backfill = std::chrono::hours(24);  // from 2024-05-13 12:00
  const Poll polled = poll(settings);
  auto expected = golden("csv_recent.expected");
  expected.resize(4);  // the rows of 2024-05-12 and 2024-04-20 are older than the backfill
  EXPECT_EQ(polled.lines, expected);
  EXPECT_EQ(polled.result.next.position, "2843720");
  // Counted, so the run's records add up (the "10 records, 0 indicators, 0 rejected").
  EXPECT_EQ(polled.left_out, (std::map<std::string, std::size_t>{{"before_backfill", 2}}));
}

TEST(UrlhausConnector, LaterRunsTakeEverythingAboveTheCursor) {
  const Poll polled = poll(settings_for("csv_recent.csv"), state::Cursor{"2843718", "", ""});
  EXPECT_EQ(polled.lines,
            (std::vector<std::string>{golden("csv_recent.expected")[0], golden("csv_recent.expected")[1]}));
  EXPECT_EQ(polled.left_out, (std::map<std::string, std::size_t>{{"already_read", 4}}));
}

TEST(UrlhausConnector, MissingColumnIsALoudError) {
  const std::string path = testing::TempDir() + "/urlhaus_missing_column.csv";
  std::ofstream(path) << "# id,dateadded,link,url_status,last_online,threat,tags\n\"1\",\"2024-05-14 "
                         "10:00:00\",\"http://a/\",\"online\",\"\",\"x\",\"None\"\n";
  UrlhausSettings settings;
  settings.location.url = "file://" + path;
  try {
    poll(settings);
    FAIL() << "no error";
  } catch (const pipeline::SourceError& error) {
    EXPECT_NE(std::string(error.what()).find("no 'url' column"), std::string::npos) << error.what();
  }
}

TEST(UrlhausConnector, AuthKeyNeverAppearsInErrors) {
  ::setenv("TCFEED_TEST_URLHAUS_KEY", "s3cr3t-key", 1);
  UrlhausSettings settings;
  settings.location.url = "https://127.0.0.1:1/downloads/csv_recent/";
  settings.access.auth = pipeline::SourceAccess::Auth::Query;
  settings.access.auth_name = "auth-key";
  settings.access.secret = SecretRef{SecretRef::Kind::Env, "TCFEED_TEST_URLHAUS_KEY"};
  try {
    poll(settings);
    FAIL() << "no error";
  } catch (const pipeline::SourceError& error) {
    EXPECT_EQ(std::string(error.what()).find("s3cr3t"), std::string::npos) << error.what();
  }
}

config::ConnectorConfig connector_config(const std::string& yaml) {
  config::ConnectorConfig connector;
  connector.name = "urlhaus-recent";
  connector.type = "urlhaus";
  connector.owner = "Acme";
  connector.node = YAML::Load(yaml);
  connector.yaml_path = "connectors[0]";
  return connector;
}

TEST(UrlhausConnectorType, RegisteredWithItsKeys) {
  const auto* type = pipeline::builtin_connectors().find("urlhaus");
  ASSERT_NE(type, nullptr);
  std::vector<std::string> names;
  for (const auto& key : type->keys) names.push_back(key.name);
  for (const char* key : {"url", "host_as", "include_offline", "backfill", "auth_key_file", "auth_key_env",
                          "auth_key_credential", "ca_file", "max_bytes"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), key), names.end()) << key;
  }
  EXPECT_EQ(type->stripped_tags, (std::vector<std::string>{"abuse.ch", "URLhaus", "urlhaus"}));
}

TEST(UrlhausConnectorType, FactoryValidatesKeys) {
  const config::Config global;
  const auto& registry = pipeline::builtin_connectors();
  EXPECT_NE(registry.create(connector_config("url: file:///tmp/x.csv\nhost_as: host\nbackfill: 2d\n"
                                             "include_offline: false\nauth_key_env: KEY\n"),
                            global),
            nullptr);
  EXPECT_THROW(registry.create(connector_config("url: file:///tmp/x.csv\nhost_as: domain\n"), global),
               config::ConfigError);
  EXPECT_THROW(registry.create(connector_config("url: ftp://x/\n"), global), config::ConfigError);
  EXPECT_THROW(registry.create(connector_config("url: https://x/\nauth_key: inline\n"), global), config::ConfigError);
}

}  // namespace
}  // namespace tcfeed::connectors::urlhaus
