// Poll runs: nothing a run staged is visible, or survives a crash, until commit_run makes it
// visible together with the cursor.
#include <vector>

#include "tests/unit/state/state_test_support.hpp"

namespace tcfeed::state {
namespace {

using testing::document_of;
using testing::kSettings;

class RunsTest : public testing::StateTest {};

std::vector<SeenEntry> seen_of(StateStore& store, const std::string& connector) {
  std::vector<SeenEntry> out;
  store.load_seen(connector, [&](const SeenEntry& entry) { out.push_back(entry); });
  return out;
}

TEST_F(RunsTest, StagedRowsAreInvisibleUntilCommitThenAppearWithTheCursor) {
  auto store = open();
  store.save_cursor("feed", Cursor{"10", "", ""});
  const RunId run = store.begin_run("feed");
  store.stage_batch(run, "feed", "Acme", kSettings, document_of({"a.example", "b.example"}), 2, 1000);
  store.stage_batch(run, "feed", "Acme", kSettings, document_of({"c.example"}), 1, 1000);
  const std::vector<SeenEntry> seen = {{1, 11, 1000}, {2, 22, 1000}};
  store.stage_seen(run, "feed", seen);

  EXPECT_EQ(store.outbox_size(), 0);
  EXPECT_FALSE(store.next_due("Acme", 1000, {}).has_value());
  EXPECT_TRUE(store.backlog().empty());
  EXPECT_TRUE(store.outbox_owners().empty());
  EXPECT_TRUE(seen_of(store, "feed").empty());
  EXPECT_EQ(store.cursor("feed")->position, "10");

  store.commit_run(run, "feed", Cursor{"20", "\"e\"", ""}, false);
  EXPECT_EQ(store.outbox_size(), 2);
  EXPECT_EQ(store.outbox_owners(), std::vector<std::string>{"Acme"});
  EXPECT_EQ(*store.cursor("feed"), (Cursor{"20", "\"e\"", ""}));
  EXPECT_EQ(seen_of(store, "feed"), seen);
  const auto backlog = store.backlog();
  ASSERT_EQ(backlog.size(), 1u);
  EXPECT_EQ(backlog[0].batches, 2);
  EXPECT_EQ(backlog[0].indicators, 3);
  EXPECT_EQ(backlog[0].oldest_created_unix, 1000);
  // The run is closed: staging into it again is a bug the store refuses.
  EXPECT_THROW(store.stage_batch(run, "feed", "Acme", kSettings, document_of({"d"}), 1, 1000), StateError);
}

TEST_F(RunsTest, AbandonDeletesOnlyWhatThatRunStaged) {
  auto store = open();
  const RunId kept = store.begin_run("one");
  const RunId dropped = store.begin_run("two");
  store.stage_batch(kept, "one", "Acme", kSettings, document_of({"a"}), 1, 1000);
  store.stage_batch(dropped, "two", "Acme", kSettings, document_of({"b"}), 1, 1000);
  store.stage_seen(dropped, "two", std::vector<SeenEntry>{{5, 5, 5}});
  store.stage_snapshot_members(dropped, "two", std::vector<SnapshotMember>{{5, "Host", "b"}});
  store.abandon_run(dropped);
  store.abandon_run(dropped);  // twice is harmless: error paths may abandon again

  EXPECT_THROW(store.commit_run(dropped, "two", Cursor{"x", "", ""}, true), StateError);
  EXPECT_FALSE(store.cursor("two").has_value());
  store.commit_run(kept, "one", Cursor{"1", "", ""}, false);
  EXPECT_EQ(store.outbox_size(), 1);
  EXPECT_EQ(store.next_due("Acme", 1000, {})->connector, "one");
  EXPECT_EQ(store.discard_abandoned_runs(), 0);
}

TEST_F(RunsTest, ACrashBeforeCommitLeavesTheOldCursorAndNothingStaged) {
  {
    auto store = open();
    store.save_cursor("feed", Cursor{"old", "", ""});
    const RunId done = store.begin_run("feed");
    store.stage_batch(done, "feed", "Acme", kSettings, document_of({"a"}), 1, 1000);
    store.commit_run(done, "feed", Cursor{"committed", "", ""}, false);
    const RunId crashed = store.begin_run("feed");
    store.stage_batch(crashed, "feed", "Acme", kSettings, document_of({"b"}), 1, 1001);
    store.stage_batch(crashed, "feed", "Acme", kSettings, document_of({"c"}), 1, 1001);
    store.stage_seen(crashed, "feed", std::vector<SeenEntry>{{9, 9, 9}});
    // The process dies here: the store closes without commit_run.
  }
  auto store = open();
  EXPECT_EQ(store.outbox_size(), 1);  // staged rows stay invisible across the restart
  EXPECT_EQ(store.discard_abandoned_runs(), 2);
  EXPECT_EQ(store.cursor("feed")->position, "committed");
  EXPECT_EQ(store.outbox_size(), 1);
  EXPECT_TRUE(seen_of(store, "feed").empty());
  EXPECT_EQ(store.discard_abandoned_runs(), 0);
}

TEST_F(RunsTest, StagingChecksTheRunBelongsToTheConnector) {
  auto store = open();
  const RunId run = store.begin_run("one");
  EXPECT_THROW(store.stage_seen(run, "two", std::vector<SeenEntry>{{1, 1, 1}}), StateError);
  EXPECT_THROW(store.stage_batch(run + 100, "one", "Acme", kSettings, "{}", 0, 0), StateError);
  EXPECT_THROW(store.commit_run(run, "two", Cursor{}, false), StateError);
}

TEST_F(RunsTest, ASecondRunReplacesSeenEntriesAndKeepsOthers) {
  auto store = open();
  const RunId first = store.begin_run("feed");
  store.stage_seen(first, "feed", std::vector<SeenEntry>{{1, 100, 1000}, {2, 200, 1000}});
  store.stage_seen(first, "feed", std::vector<SeenEntry>{{1, 101, 1001}});  // a later batch of the same run
  store.commit_run(first, "feed", Cursor{}, false);
  const RunId second = store.begin_run("feed");
  // Keys with the top bit set sort after the others: the order is the fingerprints' unsigned order.
  store.stage_seen(second, "feed", std::vector<SeenEntry>{{~std::uint64_t{0}, 7, 2000}, {2, 201, 2000}});
  store.commit_run(second, "feed", Cursor{}, false);
  const RunId other = store.begin_run("other");
  store.stage_seen(other, "other", std::vector<SeenEntry>{{3, 3, 3}});
  store.commit_run(other, "other", Cursor{}, false);

  EXPECT_EQ(seen_of(store, "feed"),
            (std::vector<SeenEntry>{{1, 101, 1001}, {2, 201, 2000}, {~std::uint64_t{0}, 7, 2000}}));
  EXPECT_EQ(seen_of(store, "other"), (std::vector<SeenEntry>{{3, 3, 3}}));
  EXPECT_TRUE(seen_of(store, "never-ran").empty());
}

TEST_F(RunsTest, LoadSeenStreamsMoreThanOneChunk) {
  auto store = open();
  const RunId run = store.begin_run("feed");
  std::vector<SeenEntry> entries;
  for (std::uint64_t i = 0; i < 10000; ++i) entries.push_back({i * 0x9e3779b97f4a7c15ULL, 1, 2});
  store.stage_seen(run, "feed", entries);
  store.commit_run(run, "feed", Cursor{}, false);
  std::size_t count = 0;
  std::uint64_t previous = 0;
  bool ordered = true;
  store.load_seen("feed", [&](const SeenEntry& entry) {
    ordered = ordered && (count == 0 || entry.key > previous);
    previous = entry.key;
    ++count;
    // The callback runs without the store's lock: using the store here must not deadlock.
    if (count == 5000) {
      EXPECT_EQ(store.outbox_size(), 0);
    }
  });
  EXPECT_EQ(count, entries.size());
  EXPECT_TRUE(ordered);
}

// Seen entries are staged in memory and sorted at the commit (docs/architecture.md, The state
// file): in unsigned key order on reading back, and of a key staged twice the later entry wins.
TEST_F(RunsTest, StagedSeenEntriesCommitInKeyOrderTheLaterOfTwoWinning) {
  auto store = open();
  const RunId run = store.begin_run("feed");
  const std::uint64_t high = std::uint64_t{1} << 63;
  store.stage_seen(run, "feed", std::vector<SeenEntry>{{high + 5, 1, 100}, {7, 1, 100}, {high + 1, 1, 100}});
  store.stage_seen(run, "feed", std::vector<SeenEntry>{{7, 2, 200}, {3, 1, 100}});
  store.commit_run(run, "feed", Cursor{}, false);
  EXPECT_EQ(seen_of(store, "feed"),
            (std::vector<SeenEntry>{{3, 1, 100}, {7, 2, 200}, {high + 1, 1, 100}, {high + 5, 1, 100}}));
}

}  // namespace
}  // namespace tcfeed::state
