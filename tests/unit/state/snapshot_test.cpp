// Full-list feeds: the removed members are the previous snapshot minus the staged one, and only a
// committed replace_snapshot run changes the snapshot. Also the operator's reset.
#include <vector>

#include "tests/unit/state/state_test_support.hpp"

namespace tcfeed::state {
namespace {

class SnapshotTest : public testing::StateTest {};

std::vector<SnapshotMember> removed_of(StateStore& store, RunId run, const std::string& connector) {
  std::vector<SnapshotMember> out;
  store.removed_members(run, connector, [&](const SnapshotMember& member) { out.push_back(member); });
  return out;
}

void commit_snapshot(StateStore& store, const std::string& connector, const std::vector<SnapshotMember>& members) {
  const RunId run = store.begin_run(connector);
  store.stage_snapshot_members(run, connector, members);
  store.commit_run(run, connector, Cursor{}, true);
}

const SnapshotMember kA{1, "Address", "192.0.2.1"};
const SnapshotMember kB{2, "Host", "b.example"};
const SnapshotMember kC{3, "URL", "https://c.example/x"};
const SnapshotMember kHigh{0x8000000000000001ULL, "Host", "high.example"};

TEST_F(SnapshotTest, RemovedMembersAreThePreviousSnapshotMinusTheStagedOneInKeyOrder) {
  auto store = open();
  commit_snapshot(store, "list", {kHigh, kC, kA, kB});
  commit_snapshot(store, "other", {kA});  // another connector's snapshot does not count
  EXPECT_EQ(store.snapshot_size("list"), 4);

  const RunId run = store.begin_run("list");
  EXPECT_EQ(removed_of(store, run, "list"), (std::vector<SnapshotMember>{kA, kB, kC, kHigh}));  // nothing staged yet
  store.stage_snapshot_members(run, "list", std::vector<SnapshotMember>{kB, {4, "Host", "new.example"}});
  EXPECT_EQ(removed_of(store, run, "list"), (std::vector<SnapshotMember>{kA, kC, kHigh}));
  EXPECT_EQ(store.snapshot_size("list"), 4);  // the previous snapshot until the run commits

  store.commit_run(run, "list", Cursor{}, true);
  EXPECT_EQ(store.snapshot_size("list"), 2);
  EXPECT_EQ(store.snapshot_size("other"), 1);
  const RunId next = store.begin_run("list");
  EXPECT_EQ(removed_of(store, next, "list"), (std::vector<SnapshotMember>{kB, {4, "Host", "new.example"}}));
}

TEST_F(SnapshotTest, ARunThatDoesNotReplaceTheSnapshotLeavesItAlone) {
  auto store = open();
  commit_snapshot(store, "list", {kA, kB});
  // An incomplete fetch: the pipeline keeps the old snapshot rather than let a truncated one
  // stand for the source.
  const RunId run = store.begin_run("list");
  store.stage_snapshot_members(run, "list", std::vector<SnapshotMember>{kA});
  store.commit_run(run, "list", Cursor{"next", "", ""}, false);
  EXPECT_EQ(store.snapshot_size("list"), 2);
  EXPECT_EQ(store.cursor("list")->position, "next");
}

TEST_F(SnapshotTest, AConnectorWithoutASnapshotHasNothingRemoved) {
  auto store = open();
  const RunId run = store.begin_run("fresh");
  store.stage_snapshot_members(run, "fresh", std::vector<SnapshotMember>{kA});
  EXPECT_TRUE(removed_of(store, run, "fresh").empty());
  EXPECT_EQ(store.snapshot_size("fresh"), 0);
}

TEST_F(SnapshotTest, ResetForgetsCursorSeenAndSnapshotOfOneConnectorOnly) {
  auto store = open();
  for (const std::string connector : {"reset-me", "keep-me"}) {
    const RunId run = store.begin_run(connector);
    store.stage_batch(run, connector, "Acme", testing::kSettings, testing::document_of({"a"}), 1, 1000);
    store.stage_seen(run, connector, std::vector<SeenEntry>{{1, 1, 1}});
    store.stage_snapshot_members(run, connector, std::vector<SnapshotMember>{kA});
    store.commit_run(run, connector, Cursor{"pos", "", ""}, true);
  }
  store.reset_connector("reset-me");
  store.reset_connector("never-existed");

  std::size_t seen = 0;
  store.load_seen("reset-me", [&](const SeenEntry&) { ++seen; });
  EXPECT_EQ(seen, 0u);
  EXPECT_FALSE(store.cursor("reset-me").has_value());
  EXPECT_EQ(store.snapshot_size("reset-me"), 0);
  EXPECT_EQ(store.outbox_size(), 2);  // accepted data is still delivered

  store.load_seen("keep-me", [&](const SeenEntry&) { ++seen; });
  EXPECT_EQ(seen, 1u);
  EXPECT_TRUE(store.cursor("keep-me").has_value());
  EXPECT_EQ(store.snapshot_size("keep-me"), 1);
  const auto cursors = store.cursors();
  ASSERT_EQ(cursors.size(), 1u);
  EXPECT_EQ(cursors[0].first, "keep-me");
}

}  // namespace
}  // namespace tcfeed::state
