// The feodo connector and mapper over their fixtures (file://), against golden
// candidate lists.
#include "connectors/builtin_connectors.hpp"
#include "connectors/feodo/feodo_connector.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "connectors/abusech_key.hpp"
#include "connectors/feodo/feodo_mapper.hpp"
#include "lib/pipeline/source/source_fetch.hpp"
#include "tests/unit/connectors_abusech/abusech_sink.hpp"
#include "tests/unit/connectors_abusech/fixtures.hpp"

namespace tcfeed::connectors::feodo {
namespace {

using testing_support::AbusechSink;
using testing_support::connector_config;
using testing_support::fixture_path;

std::vector<std::string> golden(const std::string& name) { return testing_support::golden("feodo", name); }

FeodoSettings settings_for(const std::string& path) {
  FeodoSettings settings;
  settings.location.url = "file://" + path;
  return settings;
}

struct Poll {
  pipeline::PollResult result;
  std::vector<std::string> lines;
};

Poll poll(const FeodoSettings& settings, const state::Cursor& cursor = {}) {
  AbusechSink sink;
  auto connector = make_feodo_connector(settings);
  Poll out{connector->poll(cursor, sink), {}};
  out.lines = std::move(sink.lines);
  return out;
}

std::string write_temp(const std::string& name, const std::string& text) {
  const std::string path = testing::TempDir() + "/" + name;
  std::ofstream(path) << text;
  return path;
}

class FeodoGolden : public testing::TestWithParam<std::pair<std::string, std::string>> {};

TEST_P(FeodoGolden, SnapshotEveryPoll) {
  const auto& [fixture, expected] = GetParam();
  const auto settings = settings_for(fixture_path("feodo", fixture));
  const Poll first = poll(settings);
  EXPECT_EQ(first.lines, golden(expected));
  EXPECT_EQ(first.result.records, 5u);
  EXPECT_EQ(first.result.next.position, "");
  // A snapshot has no id cursor: a file (no validators) yields the whole list
  // again.
  const Poll second = poll(settings, first.result.next);
  EXPECT_EQ(second.lines, golden(expected));
}

INSTANTIATE_TEST_SUITE_P(
    Feodo, FeodoGolden,
    testing::Values(std::pair{std::string("ipblocklist.json"), std::string("ipblocklist_json.expected")},
                    std::pair{std::string("ipblocklist.csv"), std::string("ipblocklist_csv.expected")}));

TEST(FeodoConnector, IncludeOfflineFalse) {
  for (const char* fixture : {"ipblocklist.json", "ipblocklist.csv"}) {
    auto settings = settings_for(fixture_path("feodo", fixture));
    settings.include_offline = false;
    const Poll polled = poll(settings);
    ASSERT_EQ(polled.lines.size(), 5u) << fixture;
    EXPECT_EQ(polled.lines[1], "unmapped\toffline") << fixture;
  }
}

TEST(FeodoConnector, HeaderInACommentAndAnAddedColumn) {
  const auto path = write_temp("feodo_comment_header.csv",
                               "# abuse.ch Feodo Tracker\n"
                               "# first_seen_utc,dst_ip,dst_port,as_name,c2_status,last_online,malware\n"
                               "\"2021-01-17 07:44:46\",\"51.178.161.32\",\"4643\",\"OVH, "
                               "SAS\",\"online\",\"2024-05-14\",\"Dridex\"\n");
  EXPECT_EQ(
      poll(settings_for(path)).lines,
      (std::vector<std::string>{"Address\t51.178.161.32\tDridex\t-\tPort=4643;Source=https://feodotracker.abuse.ch/"}));
}

TEST(FeodoConnector, MissingColumnIsALoudError) {
  const auto path = write_temp("feodo_missing.csv",
                               "first_seen_utc,dst_ip,c2_status,last_online,malware\n"
                               "\"2021-01-17 "
                               "07:44:46\",\"51.178.161.32\",\"online\",\"2024-05-14\",\"Dridex\"\n");
  try {
    poll(settings_for(path));
    FAIL() << "no error";
  } catch (const pipeline::SourceError& error) {
    EXPECT_NE(std::string(error.what()).find("no 'dst_port' column"), std::string::npos) << error.what();
  }
}

// The issue: an offline entry went out as active. Its status is the indicator's flag, both ways.
TEST(FeodoMapper, StatusIsTheActiveFlag) {
  FeodoMapper mapper({});
  AbusechSink sink;
  EXPECT_EQ(mapper.map({"198.51.100.1", "447", "online", "TrickBot"}, sink), Verdict::Mapped);
  EXPECT_EQ(mapper.map({"198.51.100.2", "447", "Offline", "TrickBot"}, sink), Verdict::Mapped);
  EXPECT_EQ(sink.actives, (std::vector<std::optional<bool>>{true, false}));
  FeodoMapOptions skip;
  skip.include_offline = false;
  FeodoMapper skipping(skip);
  EXPECT_EQ(skipping.map({"198.51.100.2", "447", "offline", "TrickBot"}, sink), Verdict::Offline);
}

TEST(FeodoMapper, PortAndSourceAttributesAndMalwareTag) {
  FeodoMapper mapper({});
  AbusechSink sink;
  EXPECT_EQ(mapper.map({"198.51.100.1", "447", "online", "TrickBot"}, sink), Verdict::Mapped);
  EXPECT_EQ(mapper.map({"198.51.100.2", "port?", "online", "None"}, sink), Verdict::Mapped);
  EXPECT_EQ(mapper.map({"None", "447", "online", "TrickBot"}, sink), Verdict::Malformed);
  EXPECT_EQ(sink.lines,
            (std::vector<std::string>{
                "Address\t198.51.100.1\tTrickBot\t-\tPort=447;Source=https://feodotracker.abuse.ch/",
                "Address\t198.51.100.2\t\t-\tSource=https://feodotracker.abuse.ch/", "unmapped\tmalformed_row"}));
}

TEST(FeodoConnectorType, RegisteredAndFactoryValidatesKeys) {
  const auto* type = pipeline::builtin_connectors().find("feodo");
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
                                       "fetch_min_rate_window",
                                       "include_offline"};
  for (const auto& key : pipeline::source_access_keys(abusech_key_header())) expected.push_back(key.name);
  EXPECT_EQ(names, expected);
  EXPECT_EQ(type->stripped_tags, (std::vector<std::string>{"abuse.ch", "Feodo Tracker", "FeodoTracker"}));

  const config::Config global;
  const auto& registry = pipeline::builtin_connectors();
  auto create = [&](const std::string& yaml) { return registry.create(connector_config("feodo", yaml), global); };
  EXPECT_NE(create("url: "
                   "https://feodotracker.abuse.ch/downloads/"
                   "ipblocklist.json\ninclude_offline: false\n"),
            nullptr);
  EXPECT_THROW(create("url: http://feodotracker.abuse.ch/downloads/ipblocklist.json\n"), config::ConfigError);
  EXPECT_THROW(create("url: https://x/\ninclude_offline: maybe\n"), config::ConfigError);
  // Unknown keys are refused by the config loader against the schema:
  // min_confidence is not feodo's.
  const auto* keys = registry.keys_lookup()("feodo");
  ASSERT_NE(keys, nullptr);
  EXPECT_TRUE(std::none_of(keys->begin(), keys->end(),
                           [](const config::KeySpec& key) { return key.name == "min_confidence"; }));
}

}  // namespace
}  // namespace tcfeed::connectors::feodo
