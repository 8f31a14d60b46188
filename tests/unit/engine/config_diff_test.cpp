// What a reload changes, read from two configuration files as an operator edits them.
#include "lib/pipeline/engine/config_diff.hpp"

#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "connectors/builtin_connectors.hpp"
#include "lib/pipeline/engine/validated_config.hpp"

namespace tcfeed::pipeline {
namespace {

using ::testing::ElementsAre;
using Kind = ConnectorChange::Kind;

class ConfigDiffTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("tcfeed-diff-" + std::to_string(::getpid()) + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  config::Config load(const std::string& globals, const std::string& connectors) {
    const auto path = (dir_ / ("c" + std::to_string(files_++) + ".yaml")).string();
    std::ofstream(path) << "threatconnect:\n  base_url: https://tc.example/api\n  access_id: \"1\"\n"
                        << "  secret_key_env: TCFEED_TEST_UNUSED\n"
                        << globals << "connectors:\n"
                        << connectors;
    return load_validated_config(path, builtin_connectors(), {.read_secrets = false});
  }

  static std::string text(const std::string& name, const std::string& extra = "") {
    return "  - name: " + name + "\n    type: text\n    owner: SOC Feeds\n    url: file:///dev/null\n" +
           "    indicator_type: Host\n" + extra;
  }

  std::filesystem::path dir_;
  int files_ = 0;
};

TEST_F(ConfigDiffTest, NamesTheConnectorsAddedRemovedAndChangedWithTheirKeys) {
  const auto running = load("", text("a") + text("b", "    schedule: { every: 1h, jitter: 0% }\n") + text("c"));
  const auto next =
      load("", text("b", "    schedule: { every: 2h, jitter: 0% }\n    rating: 3\n") + text("a") + text("d"));
  const auto diff = diff_configs(running, next);
  EXPECT_TRUE(diff.engine_keys.empty());
  EXPECT_TRUE(diff.daemon_keys.empty());
  EXPECT_FALSE(diff.restarts_everything());
  EXPECT_THAT(diff.unchanged, ElementsAre("a"));
  ASSERT_EQ(diff.connectors.size(), 3u);
  EXPECT_EQ(diff.connectors[0].name, "b");
  EXPECT_EQ(diff.connectors[0].kind, Kind::Changed);
  EXPECT_THAT(diff.connectors[0].keys, ElementsAre("rating", "schedule.every"));
  EXPECT_EQ(describe(diff.connectors[0]), "changed (rating, schedule.every)");
  EXPECT_EQ(diff.connectors[1].name, "d");
  EXPECT_EQ(diff.connectors[1].kind, Kind::Added);
  EXPECT_EQ(diff.connectors[2].name, "c");
  EXPECT_EQ(diff.connectors[2].kind, Kind::Removed);
}

TEST_F(ConfigDiffTest, TheSameFileWithItsKeysReorderedChangesNothing) {
  const auto running = load("batch:\n  jobs_in_flight: 2\n  max_indicators: 100\n", text("a", "    tags: [x, y]\n"));
  const auto next = load("batch:\n  max_indicators: 100\n  jobs_in_flight: 2\n",
                         "  - type: text\n    name: a\n    tags: [x, y]\n    owner: SOC Feeds\n"
                         "    indicator_type: Host\n    url: file:///dev/null\n");
  const auto diff = diff_configs(running, next);
  EXPECT_TRUE(diff.connectors.empty());
  EXPECT_TRUE(diff.engine_keys.empty());
  EXPECT_THAT(diff.unchanged, ElementsAre("a"));
}

TEST_F(ConfigDiffTest, SettingsOutsideConnectorsRestartEverythingButTheDaemonsOwnDoNot) {
  const auto running = load("batch:\n  jobs_in_flight: 2\n", text("a"));
  const auto engine_change = diff_configs(running, load("batch:\n  jobs_in_flight: 3\n", text("a")));
  EXPECT_THAT(engine_change.engine_keys, ElementsAre("batch.jobs_in_flight"));
  EXPECT_TRUE(engine_change.restarts_everything());

  const auto daemon_change = diff_configs(
      running, load("batch:\n  jobs_in_flight: 2\nhttp:\n  listen: 127.0.0.1:0\nlog_level: debug\n", text("a")));
  EXPECT_THAT(daemon_change.daemon_keys, ElementsAre("http", "log_level"));
  EXPECT_FALSE(daemon_change.restarts_everything());
  EXPECT_TRUE(daemon_change.connectors.empty());
}

TEST_F(ConfigDiffTest, ASecretWhoseContentChangedRestartsEverythingAndIsNamedNotShown) {
  auto running = load("", text("a"));
  auto next = load("", text("a"));
  running.threatconnect.secret_key = Secret("old-secret-value");
  next.threatconnect.secret_key = Secret("new-secret-value");
  const auto diff = diff_configs(running, next);
  EXPECT_THAT(diff.engine_keys, ElementsAre("threatconnect.secret_key (its content)"));
}

}  // namespace
}  // namespace tcfeed::pipeline
