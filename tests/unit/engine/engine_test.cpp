// The Engine on a ManualClock against tcfeed-sandbox: it polls when a schedule says so and not
// before, keeps its status page true to what ran, and a stop ends its waits at once. No test
// waits out a schedule or a backoff in real time.
#include "lib/pipeline/engine/engine.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <optional>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lib/core/unix_time.hpp"
#include "tests/unit/engine/engine_rig.hpp"

namespace tcfeed::pipeline::testing {
namespace {

using ::testing::HasSubstr;
using namespace std::chrono_literals;

// The platform's thread, the connector's and the owner's one sender.
constexpr std::size_t kThreads = 3;

std::string hosts_connector(const tcfeed::testing::SandboxProcess& sandbox, const std::string& schedule) {
  return std::string("  - name: hosts\n    type: text\n    owner: ") + kOwner + "\n    url: file://" + sandbox.dir() +
         "/hosts.txt\n    indicator_type: Host\n    schedule: " + schedule + "\n";
}

std::uint64_t delivered(const Engine& engine) {
  const auto status = engine.status();
  return status.owners.empty() ? 0 : status.owners.front().delivered_total;
}

TEST(Engine, PollsAConnectorWhenItIsDueAndNotBefore) {
  tcfeed::testing::SandboxProcess sandbox;
  write_hosts_feed(sandbox.dir() + "/hosts.txt", 3);
  const std::int64_t start = now_unix();
  EngineRig rig(sandbox, hosts_connector(sandbox, "{ every: 1h, jitter: 0%, run_on_start: false }"), start);
  rig.engine.start();
  rig.clock.settle(kThreads);
  auto status = rig.engine.status();
  EXPECT_EQ(status.started_unix, start);
  EXPECT_EQ(rig.connector(status).state, ConnectorState::Idle);
  EXPECT_FALSE(rig.connector(status).last_run_unix);
  EXPECT_EQ(rig.connector(status).next_run_unix, start + 3600);

  rig.clock.advance(3599s);
  rig.clock.settle(kThreads);
  EXPECT_FALSE(rig.connector(rig.engine.status()).last_run_unix) << "polled a second early";
  EXPECT_EQ(sandbox.requests_to("/api/v2/batch"), 0);

  rig.clock.advance(1s);
  rig.clock.settle(kThreads);
  status = rig.engine.status();
  EXPECT_EQ(rig.connector(status).last_run_unix, start + 3600);
  EXPECT_EQ(rig.connector(status).last_outcome, "ok");
  EXPECT_EQ(rig.connector(status).indicators, 3u);
  EXPECT_EQ(rig.connector(status).queued_total, 3u);
  // The run's records by what became of them, for the status page (issue 14).
  EXPECT_EQ(rig.connector(status).records, 3u);
  EXPECT_EQ(rig.connector(status).mapped, 3u);
  EXPECT_EQ(rig.connector(status).unmapped, 0u);
  EXPECT_EQ(rig.connector(status).skipped, 0u);
  EXPECT_EQ(rig.connector(status).next_run_unix, start + 7200);

  // The sender took the batch at once; its job is polled on the clock too.
  ASSERT_TRUE(rig.clock.run_until(
      kThreads, [&] { return delivered(rig.engine) == 3; }, 1min));
  status = rig.engine.status();
  EXPECT_EQ(status.owners.front().outbox_batches, 0u);
  EXPECT_TRUE(status.ready) << ::testing::PrintToString(status.problems);
  EXPECT_EQ(sandbox.requests_to("/api/v2/batch"), 1);
  EXPECT_THAT(rig.metrics.render(), HasSubstr("tcfeed_delivered_total{owner=\"Demo Organization\"} 3\n"));
  EXPECT_TRUE(rig.engine.stop(10s));
}

// issue 14: a full list whose removals the guard withheld is not "ok": its own outcome, the reason,
// and a degraded (still ready) daemon.
TEST(Engine, AWithheldRemovalIsItsOwnOutcomeAndDegraded) {
  tcfeed::testing::SandboxProcess sandbox;
  const std::int64_t start = now_unix();
  write_hosts_feed(sandbox.dir() + "/hosts.txt", 10);
  EngineRig rig(sandbox, hosts_connector(sandbox, "{ every: 1h, jitter: 0% }") + "    removed: deactivate\n", start);
  rig.engine.start();
  ASSERT_TRUE(rig.clock.run_until(
      kThreads, [&] { return delivered(rig.engine) == 10; }, 1min));
  auto status = rig.engine.status();
  EXPECT_EQ(rig.connector(status).last_outcome, "ok");
  EXPECT_TRUE(status.degraded.empty());

  write_hosts_feed(sandbox.dir() + "/hosts.txt", 5);  // half the list gone: more than removed_guard (20%)
  rig.clock.advance(1h);
  ASSERT_TRUE(rig.clock.run_until(
      kThreads, [&] { return rig.connector(rig.engine.status()).last_run_unix == start + 3600; }, 1min));
  status = rig.engine.status();
  EXPECT_EQ(rig.connector(status).last_outcome, "removals withheld");
  EXPECT_THAT(rig.connector(status).last_warning, HasSubstr("5 of the 10 entries"));
  ASSERT_EQ(status.degraded.size(), 1u);
  EXPECT_THAT(status.degraded[0], HasSubstr("hosts: removals withheld"));
  EXPECT_TRUE(rig.engine.stop(10s));
}

TEST(Engine, StatusShowsAFailingConnectorBackingOffAndItsRecovery) {
  tcfeed::testing::SandboxProcess sandbox;
  const std::int64_t start = now_unix();
  EngineRig rig(sandbox, hosts_connector(sandbox, "{ every: 1h, jitter: 0% }"), start);
  rig.engine.start();
  rig.clock.settle(kThreads);
  auto status = rig.engine.status();
  EXPECT_EQ(rig.connector(status).state, ConnectorState::BackingOff);
  EXPECT_EQ(rig.connector(status).last_outcome, "failed");
  EXPECT_THAT(rig.connector(status).last_error, HasSubstr("hosts.txt"));
  EXPECT_FALSE(rig.connector(status).last_success_unix);
  // The first retry comes after 30 s, not after the hour.
  EXPECT_EQ(rig.connector(status).next_run_unix, start + 30);

  write_hosts_feed(sandbox.dir() + "/hosts.txt", 2);
  rig.clock.advance(30s);
  ASSERT_TRUE(rig.clock.run_until(
      kThreads, [&] { return delivered(rig.engine) == 2; }, 1min));
  status = rig.engine.status();
  EXPECT_EQ(rig.connector(status).state, ConnectorState::Idle);
  EXPECT_EQ(rig.connector(status).last_outcome, "ok");
  EXPECT_EQ(rig.connector(status).last_error, "");
  EXPECT_EQ(rig.connector(status).last_success_unix, start + 30);
  EXPECT_EQ(rig.connector(status).next_run_unix, start + 30 + 3600);
}

TEST(Engine, AStopEndsEveryWaitAtOnce) {
  // The platform answers 503 to the owners list: the platform thread sits in its client's retry
  // backoff, the connector in its hourly wait, the sender waiting for the platform. None of those
  // waits ends by itself on this clock; only the stop can end them.
  tcfeed::testing::SandboxProcess sandbox({"--fault", "status=503,path=/api/v2/owners"});
  write_hosts_feed(sandbox.dir() + "/hosts.txt", 1);
  EngineRig rig(sandbox, hosts_connector(sandbox, "{ every: 1h, run_on_start: false }"), now_unix());
  rig.engine.start();
  rig.clock.settle(kThreads);
  EXPECT_EQ(sandbox.requests_to("/api/v2/owners"), 1);
  EXPECT_FALSE(rig.engine.status().ready);

  const auto before = std::chrono::steady_clock::now();
  EXPECT_TRUE(rig.engine.stop(10s));
  EXPECT_LT(std::chrono::steady_clock::now() - before, 2s);
  EXPECT_EQ(rig.clock.elapsed(), 0ms);
  EXPECT_THAT(rig.engine.status().problems, ::testing::Contains("stopping"));
}

TEST(Engine, AStopLetsAJobUnderWayCompleteWithinTheGrace) {
  // The job answers Running to two status polls (1 s, then 1.5 s apart): it completes 4.5 s after
  // its upload on the engine's clock, well within a 10 s grace.
  tcfeed::testing::SandboxProcess sandbox({"--running-polls", "2"});
  write_hosts_feed(sandbox.dir() + "/hosts.txt", 3);
  EngineRig rig(sandbox, hosts_connector(sandbox, "{ every: 1h, run_on_start: true }"), now_unix());
  rig.engine.start();
  const auto uploaded = [&] {
    const auto batch = rig.state.next_due(kOwner, rig.clock.now_unix() + 3600, {});
    return batch && batch->uploaded;
  };
  ASSERT_TRUE(rig.clock.run_until(kThreads, uploaded, 1min));
  EXPECT_EQ(delivered(rig.engine), 0u);

  bool finished = false;
  std::atomic<bool> returned{false};
  std::thread stopper([&] {
    finished = rig.engine.stop(10s);
    returned = true;
  });
  const auto asked = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - asked < 5s) {
    const auto problems = rig.engine.status().problems;
    if (std::find(problems.begin(), problems.end(), "stopping") != problems.end()) break;
    std::this_thread::yield();
  }
  // Only the sender is left, waiting for its next job poll, until its job completes.
  while (rig.clock.settle_unless(1, [&] { return returned.load(); })) rig.clock.advance_to_next_deadline();
  stopper.join();
  EXPECT_EQ(delivered(rig.engine), 3u);
  EXPECT_LE(rig.clock.elapsed(), 10s);
  EXPECT_TRUE(finished) << "the sender did not return once its batch was recorded";
  EXPECT_FALSE(rig.state.next_due(kOwner, rig.clock.now_unix() + 3600, {})) << "the batch is still in the outbox";
}

TEST(Engine, AStopDoesNotWaitForAJobThatWouldOutlastTheGrace) {
  // The job stays Running; the sender's polls come 25 ms apart at first and grow by half each time
  // up to poll_interval (1 s), so after 1.5 s of polling the next one is at least 400 ms away.
  tcfeed::testing::SandboxProcess sandbox({"--running-polls", "1000"});
  write_hosts_feed(sandbox.dir() + "/hosts.txt", 3);
  EngineRig rig(sandbox, hosts_connector(sandbox, "{ every: 1h, run_on_start: true }"), now_unix());
  rig.engine.start();
  std::optional<std::chrono::milliseconds> uploaded_at;
  ASSERT_TRUE(rig.clock.run_until(
      kThreads,
      [&] {
        if (!uploaded_at) {
          const auto batch = rig.state.next_due(kOwner, rig.clock.now_unix() + 3600, {});
          if (batch && batch->uploaded) uploaded_at = rig.clock.elapsed();
        }
        return uploaded_at && rig.clock.elapsed() - *uploaded_at >= 1500ms;
      },
      1min));
  // The next status poll is due in 400 ms or more of the engine's clock; the grace is 300 ms.
  const auto before = std::chrono::steady_clock::now();
  EXPECT_TRUE(rig.engine.stop(300ms));
  EXPECT_LT(std::chrono::steady_clock::now() - before, 2s);
  const auto batch = rig.state.next_due(kOwner, rig.clock.now_unix() + 3600, {});
  ASSERT_TRUE(batch);
  EXPECT_TRUE(batch->job_id) << "the job stays recorded for the next start";
}

TEST(Engine, AFailedBatchPausesItsOwnerUntilItsNextAttempt) {
  // Every attempt of the ApiClient's retry policy fails: the batch is rescheduled.
  tcfeed::testing::SandboxProcess sandbox({"--fault", "status=503,count=6,path=/api/v2/batch,method=POST"});
  write_hosts_feed(sandbox.dir() + "/hosts.txt", 2);
  EngineRig rig(sandbox, hosts_connector(sandbox, "{ every: 1h, jitter: 0% }"), now_unix());
  rig.engine.start();
  ASSERT_TRUE(rig.clock.run_until(
      kThreads,
      [&] {
        return rig.metrics.render().find("tcfeed_batch_retries_total{owner=\"Demo Organization\"} 1") !=
               std::string::npos;
      },
      10min));
  const auto failed_at = rig.clock.elapsed();
  const auto batch = rig.state.next_due(kOwner, rig.clock.now_unix() + 3600, {});
  ASSERT_TRUE(batch);
  EXPECT_EQ(batch->attempts, 1);
  EXPECT_THAT(batch->last_error, HasSubstr("503"));
  EXPECT_EQ(delivered(rig.engine), 0u);

  ASSERT_TRUE(rig.clock.run_until(
      kThreads, [&] { return delivered(rig.engine) == 2; }, 10min));
  // Not before the batch was due again.
  EXPECT_GE(rig.clock.now_unix(), batch->next_attempt_unix);
  EXPECT_GT(rig.clock.elapsed(), failed_at);
  EXPECT_EQ(sandbox.requests_to("/api/v2/batch"), 7);
}

TEST(Engine, ARefusedOwnerIsStoppedWithItsDataKeptAndProbedAgainLater) {
  tcfeed::testing::SandboxProcess sandbox({"--deny-owner", kOwner});
  write_hosts_feed(sandbox.dir() + "/hosts.txt", 2);
  const std::int64_t start = now_unix();
  EngineRig rig(sandbox, hosts_connector(sandbox, "{ every: 1h, jitter: 0% }"), start);
  rig.engine.start();
  ASSERT_TRUE(rig.clock.run_until(
      kThreads, [&] { return !rig.engine.status().owners.front().stopped.empty(); }, 1min));
  auto status = rig.engine.status();
  EXPECT_THAT(status.owners.front().stopped, HasSubstr("sending stopped, data kept: "));
  EXPECT_THAT(status.owners.front().stopped, HasSubstr("403"));
  EXPECT_EQ(status.owners.front().outbox_batches, 1u);
  EXPECT_FALSE(status.ready);
  ASSERT_FALSE(status.problems.empty());
  EXPECT_THAT(status.problems.front(), HasSubstr("owner 'Demo Organization': sending stopped, data kept"));
  EXPECT_THAT(rig.metrics.render(), HasSubstr("tcfeed_owner_stops_total{owner=\"Demo Organization\"} 1\n"));
  const auto batch = rig.state.next_due(kOwner, rig.clock.now_unix(), {});
  ASSERT_TRUE(batch);
  EXPECT_EQ(batch->attempts, 0) << "a stop is not a failed attempt";

  sandbox.clear_faults();
  ASSERT_TRUE(rig.clock.run_until(
      kThreads, [&] { return delivered(rig.engine) == 2; }, 10min));
  EXPECT_GE(rig.clock.now_unix(), start + kStoppedProbeSeconds);
  EXPECT_EQ(rig.engine.status().owners.front().stopped, "");
}

TEST(Engine, StatusCanBeReadWhileTheEngineStarts) {
  // The daemon's HTTP thread reads status() while the main thread starts an engine (at start-up,
  // and on every reload). ThreadSanitizer (the tsan preset) checks this for data races.
  tcfeed::testing::SandboxProcess sandbox;
  write_hosts_feed(sandbox.dir() + "/hosts.txt", 1);
  const std::int64_t start = now_unix();
  EngineRig rig(sandbox, hosts_connector(sandbox, "{ every: 1h, run_on_start: false }"), start);
  std::atomic<bool> started{false};
  std::int64_t seen = 0;
  std::thread reader([&] {
    while (!started) seen = rig.engine.status().started_unix;
    seen = rig.engine.status().started_unix;
  });
  rig.engine.start();
  started = true;
  reader.join();
  EXPECT_EQ(seen, start);
  rig.clock.settle(kThreads);
  EXPECT_TRUE(rig.engine.stop(10s));
}

TEST(ConnectorState, TextAsTheStatusPageShowsIt) {
  EXPECT_EQ(connector_state_text(ConnectorStatus{}.state), "idle");
  EXPECT_EQ(connector_state_text(ConnectorState::Running), "running");
  EXPECT_EQ(connector_state_text(ConnectorState::BackingOff), "backing off");
}

}  // namespace
}  // namespace tcfeed::pipeline::testing
