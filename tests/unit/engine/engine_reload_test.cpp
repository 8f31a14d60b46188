// A reload that changes only connectors (Engine::reconfigure) and a poll asked for now
// (Engine::poll_now), on a ManualClock against tcfeed-sandbox: the connectors a reload did not
// touch keep their schedules to the second.
#include <chrono>
#include <memory>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "connectors/builtin_connectors.hpp"
#include "lib/core/unix_time.hpp"
#include "lib/pipeline/engine/config_diff.hpp"
#include "lib/pipeline/engine/engine.hpp"
#include "lib/pipeline/engine/validated_config.hpp"
#include "tests/unit/engine/engine_rig.hpp"

namespace tcfeed::pipeline::testing {
namespace {

using namespace std::chrono_literals;

std::string text_connector(const tcfeed::testing::SandboxProcess& sandbox, const std::string& name,
                           const std::string& schedule) {
  return "  - name: " + name + "\n    type: text\n    owner: " + kOwner + "\n    url: file://" + sandbox.dir() + "/" +
         name + ".txt\n    indicator_type: Host\n    schedule: " + schedule + "\n";
}

const ConnectorStatus* find(const StatusSnapshot& status, const std::string& name) {
  for (const auto& connector : status.connectors) {
    if (connector.name == name) return &connector;
  }
  return nullptr;
}

std::vector<std::string> names(const StatusSnapshot& status) {
  std::vector<std::string> out;
  for (const auto& connector : status.connectors) out.push_back(connector.name);
  return out;
}

// Applies `connectors` as a reload would: the new file loaded and compared with the running one.
void reload(EngineRig& rig, const tcfeed::testing::SandboxProcess& sandbox, const std::string& connectors) {
  auto next = std::make_shared<config::Config>(
      load_validated_config(write_engine_config(sandbox, connectors), builtin_connectors()));
  const ConfigDiff diff = diff_configs(rig.config, *next);
  ASSERT_FALSE(diff.restarts_everything());
  rig.engine.reconfigure(next, builtin_connectors(), diff.connectors);
}

constexpr const char* kHourly = "{ every: 1h, jitter: 0%, run_on_start: false }";

TEST(EngineReload, OnlyTheChangedConnectorRestartsTheOthersKeepTheirSchedules) {
  tcfeed::testing::SandboxProcess sandbox;
  write_hosts_feed(sandbox.dir() + "/a.txt", 2);
  write_hosts_feed(sandbox.dir() + "/b.txt", 2);
  const std::int64_t start = now_unix();
  EngineRig rig(sandbox, text_connector(sandbox, "a", kHourly) + text_connector(sandbox, "b", kHourly), start);
  constexpr std::size_t kThreads = 4;  // platform, a, b, one sender
  rig.engine.start();
  rig.clock.settle(kThreads);
  rig.clock.advance(30min);
  rig.clock.settle(kThreads);

  reload(rig, sandbox,
         text_connector(sandbox, "a", kHourly) +
             text_connector(sandbox, "b", "{ every: 2h, jitter: 0%, run_on_start: false }"));
  rig.clock.settle(kThreads);  // b's old thread returned, its successor waits
  auto status = rig.engine.status();
  EXPECT_THAT(names(status), ::testing::ElementsAre("a", "b"));
  EXPECT_EQ(find(status, "a")->next_run_unix, start + 3600) << "a's schedule moved";
  EXPECT_EQ(find(status, "b")->next_run_unix, start + 1800 + 7200);

  rig.clock.advance(30min);
  ASSERT_TRUE(rig.clock.run_until(
      kThreads, [&] { return rig.engine.status().owners.front().delivered_total == 2; }, 1min));
  status = rig.engine.status();
  EXPECT_EQ(find(status, "a")->last_run_unix, start + 3600);
  EXPECT_FALSE(find(status, "b")->last_run_unix);
  EXPECT_TRUE(rig.engine.stop(10s));
}

TEST(EngineReload, ARemovedConnectorStopsAndAnAddedOneStarts) {
  tcfeed::testing::SandboxProcess sandbox;
  write_hosts_feed(sandbox.dir() + "/a.txt", 1);
  write_hosts_feed(sandbox.dir() + "/c.txt", 3);
  const std::int64_t start = now_unix();
  EngineRig rig(sandbox, text_connector(sandbox, "a", kHourly) + text_connector(sandbox, "b", kHourly), start);
  rig.engine.start();
  rig.clock.settle(4);

  reload(rig, sandbox,
         text_connector(sandbox, "a", kHourly) + text_connector(sandbox, "c", "{ every: 1h, jitter: 0% }"));
  // c runs on start: its three hosts are delivered; b is gone from the status.
  ASSERT_TRUE(rig.clock.run_until(
      4, [&] { return rig.engine.status().owners.front().delivered_total == 3; }, 1min));
  const auto status = rig.engine.status();
  EXPECT_THAT(names(status), ::testing::ElementsAre("a", "c"));
  EXPECT_EQ(find(status, "c")->last_run_unix, start);
  EXPECT_EQ(find(status, "a")->next_run_unix, start + 3600);
  EXPECT_TRUE(rig.engine.stop(10s));
}

TEST(EnginePollNow, PollsAheadOfTheScheduleOnceAndNotAnUnknownName) {
  tcfeed::testing::SandboxProcess sandbox;
  write_hosts_feed(sandbox.dir() + "/a.txt", 3);
  const std::int64_t start = now_unix();
  EngineRig rig(sandbox, text_connector(sandbox, "a", kHourly), start);
  rig.engine.start();
  rig.clock.settle(3);
  EXPECT_EQ(rig.engine.poll_now("nope"), Engine::PollRequest::Unknown);
  EXPECT_EQ(rig.engine.poll_now("a"), Engine::PollRequest::Started);
  ASSERT_TRUE(rig.clock.run_until(
      3, [&] { return rig.engine.status().owners.front().delivered_total == 3; }, 1min));
  const auto status = rig.engine.status();
  EXPECT_EQ(find(status, "a")->last_run_unix, start);
  EXPECT_EQ(find(status, "a")->next_run_unix, start + 3600);
  EXPECT_TRUE(rig.engine.stop(10s));
  EXPECT_EQ(rig.engine.poll_now("a"), Engine::PollRequest::Stopping);
}

}  // namespace
}  // namespace tcfeed::pipeline::testing
