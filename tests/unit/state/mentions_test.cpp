// Incremental feeds with `expire_after`: a commit records what the run mentioned with its time,
// the expired mentions are the old ones the run did not mention again, and the commit deletes
// exactly those. Real SQLite files.
#include <vector>

#include "tests/unit/state/state_test_support.hpp"

namespace tcfeed::state {
namespace {

class MentionsTest : public testing::StateTest {};

const SnapshotMember kA{1, "Host", "a.example"};
const SnapshotMember kB{2, "Host", "b.example"};
const SnapshotMember kC{3, "URL", "https://c.example/x"};
const SnapshotMember kHigh{0x8000000000000001ULL, "Address", "192.0.2.7"};

void mention(StateStore& store, const std::string& connector, const std::vector<SnapshotMember>& members,
             std::int64_t at, std::int64_t expire_before = 0) {
  const RunId run = store.begin_run(connector);
  store.stage_snapshot_members(run, connector, members);
  store.commit_run(run, connector, Cursor{}, false, MentionUpdate{at, expire_before});
}

std::vector<SnapshotMember> expired_of(StateStore& store, RunId run, const std::string& connector,
                                       std::int64_t before) {
  std::vector<SnapshotMember> out;
  store.expired_mentions(run, connector, before, [&](const SnapshotMember& member) { out.push_back(member); });
  return out;
}

TEST_F(MentionsTest, AMentionRefreshesTheTimeSoOnlyWhatWasNotMentionedExpires) {
  auto store = open();
  mention(store, "feed", {kA, kB}, 1000);
  mention(store, "feed", {kB}, 2000);  // B mentioned again later: A keeps its old time
  const RunId run = store.begin_run("feed");
  EXPECT_EQ(expired_of(store, run, "feed", 1500), (std::vector<SnapshotMember>{kA}));
  EXPECT_TRUE(expired_of(store, run, "feed", 1000).empty());  // strictly older than the cutoff
  EXPECT_EQ(expired_of(store, run, "feed", 2001), (std::vector<SnapshotMember>{kA, kB}));  // oldest first
  store.abandon_run(run);
}

TEST_F(MentionsTest, WhatTheRunMentionsAgainIsNotExpiredAndTheCommitDeletesExactlyTheRest) {
  auto store = open();
  mention(store, "feed", {kA, kB, kC}, 1000);
  mention(store, "other", {kA}, 1000);  // another connector's mentions are its own
  const RunId run = store.begin_run("feed");
  store.stage_snapshot_members(run, "feed", std::vector<SnapshotMember>{kB});
  EXPECT_EQ(expired_of(store, run, "feed", 5000), (std::vector<SnapshotMember>{kA, kC}));
  EXPECT_EQ(store.mention_count("feed"), 3);  // nothing changes before the commit
  store.commit_run(run, "feed", Cursor{"next", "", ""}, false, MentionUpdate{5000, 5000});
  EXPECT_EQ(store.mention_count("feed"), 1);
  EXPECT_EQ(store.mention_count("other"), 1);
  const RunId next = store.begin_run("feed");
  EXPECT_EQ(expired_of(store, next, "feed", 5001), (std::vector<SnapshotMember>{kB}));
}

TEST_F(MentionsTest, AnAbandonedRunChangesNoMention) {
  auto store = open();
  mention(store, "feed", {kA}, 1000);
  const RunId run = store.begin_run("feed");
  store.stage_snapshot_members(run, "feed", std::vector<SnapshotMember>{kB});
  store.abandon_run(run);
  const RunId next = store.begin_run("feed");
  EXPECT_EQ(expired_of(store, next, "feed", 1001), (std::vector<SnapshotMember>{kA}));
  EXPECT_EQ(store.mention_count("feed"), 1);
}

TEST_F(MentionsTest, AClockSteppedBackNeverMakesAMentionOlder) {
  auto store = open();
  mention(store, "feed", {kA}, 2000);
  mention(store, "feed", {kA}, 1000);
  const RunId run = store.begin_run("feed");
  EXPECT_TRUE(expired_of(store, run, "feed", 1500).empty());
}

TEST_F(MentionsTest, ExpiryPagesThroughMoreThanOnePageInOrder) {
  auto store = open();
  // More than a page (4096 rows), at several times, keys on both sides of the sign bit.
  std::vector<SnapshotMember> members;
  for (std::uint64_t i = 0; i < 9000; ++i) {
    members.push_back({(i % 2 ? 0x8000000000000000ULL : 0) + i + 1, "Host", "h" + std::to_string(i) + ".example"});
  }
  mention(store, "feed", std::vector<SnapshotMember>(members.begin(), members.begin() + 5000), 1000);
  mention(store, "feed", std::vector<SnapshotMember>(members.begin() + 5000, members.end()), 1100);
  const RunId run = store.begin_run("feed");
  std::size_t count = 0;
  std::int64_t previous_group = 0;
  store.expired_mentions(run, "feed", 2000, [&](const SnapshotMember& member) {
    ++count;
    // The first 5000 (mentioned at 1000) all come before the 4000 mentioned at 1100.
    const std::int64_t group = std::stoll(member.value.substr(1)) < 5000 ? 0 : 1;
    EXPECT_GE(group, previous_group) << member.value;
    previous_group = group;
  });
  EXPECT_EQ(count, 9000u);
  store.commit_run(run, "feed", Cursor{}, false, MentionUpdate{3000, 2000});
  EXPECT_EQ(store.mention_count("feed"), 0);
}

TEST_F(MentionsTest, ResetForgetsTheMentions) {
  auto store = open();
  mention(store, "feed", {kA, kHigh}, 1000);
  store.reset_connector("feed");
  EXPECT_EQ(store.mention_count("feed"), 0);
}

}  // namespace
}  // namespace tcfeed::state
