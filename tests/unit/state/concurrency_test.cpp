// The daemon's threads share one StateStore: a connector staging and committing runs while a
// sender drains and completes batches must neither fail nor lose or duplicate a batch.
#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "tests/unit/state/state_test_support.hpp"

namespace tcfeed::state {
namespace {

class ConcurrencyTest : public testing::StateTest {};

TEST_F(ConcurrencyTest, StagingAndCompletingFromTwoThreads) {
  constexpr int kRuns = 60;
  constexpr int kBatchesPerRun = 3;
  auto store = open();
  std::atomic<bool> producing{true};
  std::atomic<int> completed{0};
  std::vector<std::string> errors;
  std::mutex errors_mutex;
  const auto record = [&](const std::exception& error) {
    std::lock_guard lock(errors_mutex);
    errors.emplace_back(error.what());
  };

  std::thread producer([&] {
    try {
      for (int r = 0; r < kRuns; ++r) {
        const RunId run = store.begin_run("feed");
        for (int b = 0; b < kBatchesPerRun; ++b) {
          store.stage_batch(run, "feed", "Acme", testing::kSettings, testing::document_of({"x"}), 1, 1000);
          std::vector<SeenEntry> seen;
          for (std::uint32_t i = 0; i < 50; ++i) seen.push_back({std::uint64_t(r) << 32 | (b * 50 + i), i, 1000});
          store.stage_seen(run, "feed", seen);
        }
        if (r % 10 == 9) {
          store.abandon_run(run);  // a failed poll now and then
        } else {
          store.commit_run(run, "feed", Cursor{std::to_string(r), "", ""}, false);
        }
      }
    } catch (const std::exception& error) {
      record(error);
    }
    producing = false;
  });

  std::thread sender([&] {
    try {
      std::int64_t job = 0;
      while (true) {
        const bool was_producing = producing;  // read before looking, so the last commit is drained
        if (auto batch = store.next_due("Acme", 1000, {})) {
          store.record_job(batch->id, ++job);
          store.record_uploaded(batch->id);
          std::vector<DeadLetter> rejected;
          if (job % 7 == 0) rejected.push_back(DeadLetter{.indicator_json = R"({"summary":"x"})", .reason = "bad"});
          store.complete_batch(batch->id, rejected, 1001);
          ++completed;
        } else if (!was_producing) {
          break;
        } else {
          std::this_thread::yield();
        }
      }
    } catch (const std::exception& error) {
      record(error);
    }
  });
  producer.join();
  sender.join();

  EXPECT_TRUE(errors.empty()) << errors.front();
  constexpr int kCommitted = (kRuns - kRuns / 10) * kBatchesPerRun;
  EXPECT_EQ(completed, kCommitted);
  EXPECT_EQ(store.outbox_size(), 0);
  EXPECT_EQ(store.discard_abandoned_runs(), 0);
  EXPECT_EQ(static_cast<int>(store.dead_letters(1000).size()), kCommitted / 7);
  EXPECT_EQ(store.cursor("feed")->position, std::to_string(kRuns - 2));  // the last run was abandoned
  std::size_t seen = 0;
  store.load_seen("feed", [&](const SeenEntry&) { ++seen; });
  EXPECT_EQ(seen, static_cast<std::size_t>(kCommitted) * 50);
}

}  // namespace
}  // namespace tcfeed::state
