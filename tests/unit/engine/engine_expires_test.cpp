// A list that says until when it stays as it is (Spamhaus's `Expires`) is not polled again before
// then, though its `every` is shorter; a list that says nothing is polled every `every`. The real
// spamhaus_drop connector reads a file:// list on a ManualClock, against tcfeed-sandbox.
#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "lib/core/unix_time.hpp"
#include "tests/unit/engine/engine_rig.hpp"

namespace tcfeed::pipeline::testing {
namespace {

using namespace std::chrono_literals;

constexpr std::size_t kThreads = 3;  // the platform's thread, the connector's, the owner's sender

std::string http_date(std::int64_t unix_time) {
  const std::time_t time = static_cast<std::time_t>(unix_time);
  std::tm parts{};
  ::gmtime_r(&time, &parts);
  char text[64];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &parts);
  return text;
}

void write_drop(const std::string& path, const std::string& expires_line) {
  std::ofstream(path) << "; Spamhaus DROP List - (c) The Spamhaus Project SLU\n"
                      << expires_line << "31.24.81.0/24 ; SBL210112\n45.137.216.0/22 ; SBL613405\n";
}

TEST(EngineExpires, TheNextPollWaitsForTheListsExpires) {
  tcfeed::testing::SandboxProcess sandbox;
  const std::int64_t start = now_unix();
  const std::int64_t expires = start + 5 * 3600 + 17;
  const std::string list = sandbox.dir() + "/drop.txt";
  write_drop(list, "; Expires: " + http_date(expires) + "\n");
  EngineRig rig(sandbox,
                std::string("  - name: drop\n    type: spamhaus_drop\n    owner: ") + kOwner + "\n    url: file://" +
                    list + "\n    schedule: { every: 1h, jitter: 0% }\n",
                start);
  rig.engine.start();
  ASSERT_TRUE(rig.clock.run_until(
      kThreads, [&] { return rig.connector(rig.engine.status()).last_run_unix.has_value(); }, 1min));
  auto status = rig.engine.status();
  EXPECT_EQ(rig.connector(status).last_outcome, "ok");
  EXPECT_EQ(rig.connector(status).indicators, 2u);
  // Not start + 1h: the list said it stays as it is until `expires`.
  EXPECT_EQ(rig.connector(status).next_run_unix, expires);

  rig.clock.advance(std::chrono::seconds(expires - start - 1));
  rig.clock.settle(kThreads);
  EXPECT_EQ(rig.connector(rig.engine.status()).last_run_unix, start) << "polled before the list's Expires";

  // At its Expires it is read again; this copy states none (or one already past), so `every` rules.
  write_drop(list, "; Expires: " + http_date(start - 60) + "\n");
  rig.clock.advance(1s);
  ASSERT_TRUE(rig.clock.run_until(
      kThreads, [&] { return rig.connector(rig.engine.status()).last_run_unix == expires; }, 1min));
  status = rig.engine.status();
  EXPECT_EQ(rig.connector(status).last_outcome, "ok");
  EXPECT_EQ(rig.connector(status).next_run_unix, expires + 3600);
  EXPECT_TRUE(rig.engine.stop(10s));
}

// The JSON files state no expiry; the response's Expires header does, with the 200 and with a 304
// that says the list has not changed.
TEST(EngineExpires, TheResponsesExpiresHeaderCountsToo) {
  const std::string files = ::testing::TempDir() + "/engine-expires-files-" + std::to_string(::getpid());
  std::filesystem::create_directories(files);
  tcfeed::testing::SandboxProcess sandbox({"--files", files});
  const std::int64_t start = now_unix();
  std::ofstream(files + "/drop_v4.json") << R"({"cidr":"31.24.81.0/24","sblid":"SBL210112","rir":"ripencc"})"
                                         << "\n"
                                         << R"({"type":"metadata","timestamp":1,"size":1,"records":1})"
                                         << "\n";
  std::ofstream(files + "/drop_v4.json.expires") << http_date(start + 3 * 3600) << "\n";
  EngineRig rig(sandbox,
                std::string("  - name: drop\n    type: spamhaus_drop\n    owner: ") + kOwner +
                    "\n    url: " + sandbox.base_url().substr(0, sandbox.base_url().rfind("/api")) +
                    "/files/drop_v4.json\n    schedule: { every: 1h, jitter: 0% }\n",
                start);
  rig.engine.start();
  ASSERT_TRUE(rig.clock.run_until(
      kThreads, [&] { return rig.connector(rig.engine.status()).last_run_unix.has_value(); }, 1min));
  EXPECT_EQ(rig.connector(rig.engine.status()).last_outcome, "ok");
  EXPECT_EQ(rig.connector(rig.engine.status()).next_run_unix, start + 3 * 3600);

  // Unchanged: a 304, which carries the next Expires.
  std::ofstream(files + "/drop_v4.json.expires") << http_date(start + 8 * 3600) << "\n";
  rig.clock.advance(3h);
  ASSERT_TRUE(rig.clock.run_until(
      kThreads, [&] { return rig.connector(rig.engine.status()).last_run_unix == start + 3 * 3600; }, 1min));
  EXPECT_EQ(rig.connector(rig.engine.status()).last_outcome, "not modified");
  EXPECT_EQ(rig.connector(rig.engine.status()).next_run_unix, start + 8 * 3600);
  // The first poll's batch is delivered before the engine stops (its job polled on the clock).
  ASSERT_TRUE(rig.clock.run_until(
      kThreads,
      [&] {
        const auto status = rig.engine.status();
        return !status.owners.empty() && status.owners.front().delivered_total == 1;
      },
      1min));
  EXPECT_TRUE(rig.engine.stop(10s));
  std::filesystem::remove_all(files);
}

}  // namespace
}  // namespace tcfeed::pipeline::testing
