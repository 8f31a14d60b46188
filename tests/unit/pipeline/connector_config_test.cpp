// The connector keys the pipeline checks with the connector built — through the real loader and
// the built-in connector types: `expire_after` only on incremental connectors, and a schedule
// more frequent than a public source documents clamped to it, located, while any other host
// (a mirror, the test sandbox) is polled as configured.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "connectors/builtin_connectors.hpp"
#include "lib/config/config_error.hpp"
#include "lib/pipeline/engine/validated_config.hpp"

namespace tcfeed::pipeline {
namespace {

class ConnectorConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("tcfeed-connector-config-" + std::to_string(::getpid()) + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // A config with one connector block (its lines after `- name: feed`).
  std::string write(const std::string& connector) {
    const auto path = (dir_ / "tcfeed.yaml").string();
    std::ofstream(path) << "threatconnect:\n"
                           "  base_url: https://app.threatconnect.com/api\n"
                           "  access_id: \"12345678901234567890\"\n"
                           "  secret_key_env: TCFEED_TEST_UNUSED\n"
                           "connectors:\n"
                           "  - name: feed\n"
                           "    owner: Acme\n"
                        << connector;
    return path;
  }
  config::Config load(const std::string& connector) {
    return load_validated_config(write(connector), builtin_connectors(), {.read_secrets = false});
  }
  std::string error_of(const std::string& connector) {
    try {
      load(connector);
    } catch (const config::ConfigError& error) {
      return error.what();
    }
    ADD_FAILURE() << "loaded:\n" << connector;
    return {};
  }

  std::filesystem::path dir_;
};

TEST_F(ConnectorConfigTest, ExpireAfterIsAcceptedOnIncrementalConnectors) {
  const auto config = load("    type: urlhaus\n    url: file:///dev/null\n    expire_after: 30d\n");
  ASSERT_TRUE(config.connectors[0].expire_after.has_value());
  EXPECT_EQ(*config.connectors[0].expire_after, std::chrono::hours(24 * 30));
  EXPECT_TRUE(load("    type: csv\n    url: file:///dev/null\n    value: url\n    indicator_type: URL\n"
                   "    mode: incremental\n    id_column: id\n    expire_after: 2s\n")
                  .connectors[0]
                  .expire_after.has_value());
}

TEST_F(ConnectorConfigTest, EachBuiltInTypeSaysWhetherItReadsTheWholeList) {
  for (const std::string type : {"threatfox", "malwarebazaar"}) {
    EXPECT_TRUE(load("    type: " + type + "\n    url: file:///dev/null\n    expire_after: 1d\n")
                    .connectors[0]
                    .expire_after.has_value())
        << type;
  }
  EXPECT_NE(error_of("    type: feodo\n    url: file:///dev/null\n    expire_after: 1d\n")
                .find("expire_after: applies to incremental feeds only"),
            std::string::npos);
}

TEST_F(ConnectorConfigTest, ExpireAfterOnAFullListConnectorIsALocatedError) {
  const std::string text = error_of(
      "    type: text\n    url: file:///dev/null\n    indicator_type: Host\n"
      "    expire_after: 30d\n");
  EXPECT_NE(text.find("tcfeed.yaml:11: connectors[0].expire_after: applies to incremental feeds only"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("removed: deactivate"), std::string::npos) << text;
  // A csv connector in snapshot mode reads the whole list too.
  const std::string csv = error_of(
      "    type: csv\n    url: file:///dev/null\n    value: url\n"
      "    indicator_type: URL\n    expire_after: 30d\n");
  EXPECT_NE(csv.find("connectors[0].expire_after: applies to incremental feeds only"), std::string::npos) << csv;
}

TEST_F(ConnectorConfigTest, ExpireAfterMustBeADurationOfAtLeastASecond) {
  EXPECT_NE(error_of("    type: urlhaus\n    url: file:///dev/null\n    expire_after: 0s\n").find("at least 1s"),
            std::string::npos);
}

TEST_F(ConnectorConfigTest, APublicSourcePolledTooOftenIsClampedToItsDocumentedMinimum) {
  const auto urlhaus = load(
      "    type: urlhaus\n    url: https://urlhaus.abuse.ch/downloads/csv_recent/\n"
      "    schedule: { every: 1m }\n");
  EXPECT_EQ(urlhaus.connectors[0].schedule.every, std::chrono::minutes(5));
  const auto feodo = load(
      "    type: feodo\n    url: https://FeodoTracker.abuse.ch./downloads/ipblocklist.json\n"
      "    schedule:\n      every: 10m\n");
  EXPECT_EQ(feodo.connectors[0].schedule.every, std::chrono::hours(1));
  const auto bazaar = load(
      "    type: malwarebazaar\n    url: https://bazaar.abuse.ch/export/csv/recent/\n"
      "    schedule: { every: 1m }\n");
  EXPECT_EQ(bazaar.connectors[0].schedule.every, std::chrono::minutes(10));
  const auto threatfox = load(
      "    type: threatfox\n    url: https://threatfox-api.abuse.ch/api/v1/\n"
      "    schedule: { every: 5m }\n");
  EXPECT_EQ(threatfox.connectors[0].schedule.every, std::chrono::minutes(15));
}

TEST_F(ConnectorConfigTest, TheClampNoticeNamesTheFileLineAndKey) {
  config::ConnectorConfig connector;
  const std::string path = write(
      "    type: urlhaus\n    url: https://urlhaus.abuse.ch/downloads/csv_recent/\n"
      "    schedule:\n      every: 1m\n");
  connector.node = YAML::LoadFile(path)["connectors"][0];
  connector.yaml_path = "connectors[0]";
  connector.schedule.every = std::chrono::minutes(1);
  const auto notice = clamp_to_public_cadence(connector, *builtin_connectors().find("urlhaus")->public_cadence, path);
  ASSERT_TRUE(notice.has_value());
  EXPECT_EQ(*notice, path +
                         ":11: connectors[0].schedule.every: 1m is more often than urlhaus.abuse.ch documents "
                         "(at most every 5m): polling every 5m instead");
}

TEST_F(ConnectorConfigTest, OtherHostsAndSlowerSchedulesAreLeftAlone) {
  // The sandbox and mirrors are polled as configured: tests poll every second.
  EXPECT_EQ(load("    type: urlhaus\n    url: https://localhost:8443/files/recent.csv\n    schedule: { every: 1s }\n")
                .connectors[0]
                .schedule.every,
            std::chrono::seconds(1));
  EXPECT_EQ(load("    type: urlhaus\n    url: https://urlhaus.abuse.ch.mirror.example/x\n    schedule: { every: 1m }\n")
                .connectors[0]
                .schedule.every,
            std::chrono::minutes(1));
  EXPECT_EQ(load("    type: urlhaus\n    url: https://urlhaus.abuse.ch/downloads/csv_recent/\n"
                 "    schedule: { every: 15m }\n")
                .connectors[0]
                .schedule.every,
            std::chrono::minutes(15));
}

}  // namespace
}  // namespace tcfeed::pipeline
