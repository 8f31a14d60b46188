// The safety rules of a refresh (docs/exports.md, Safety) and the merges they judge.
#include "lib/exports/export_merge.hpp"

#include <gtest/gtest.h>

namespace tcfeed::exports {
namespace {

ExportEntry entry(std::int64_t id, std::int64_t score = 100) {
  ExportEntry e;
  e.id = id;
  e.value = "198.51.100." + std::to_string(id);
  e.owner = "A";
  e.threat_assess_score = score;
  return e;
}

EntryMap list_of(int n) {
  EntryMap map;
  for (int i = 1; i <= n; ++i) map.emplace(i, entry(i));
  return map;
}

TEST(ExportMerge, AFullReadReplacesTheList) {
  const auto current = list_of(3);
  const auto proposal = merge_full(current, {entry(2), entry(3, 999), entry(4)});
  EXPECT_EQ(proposal.entries.size(), 3u);
  EXPECT_EQ(proposal.added, 1u);
  EXPECT_EQ(proposal.updated, 1u);
  EXPECT_EQ(proposal.removed, 1u);
  EXPECT_FALSE(proposal.entries.contains(1));
}

TEST(ExportMerge, AnIncrementalReadRemovesWhatChangedAndNoLongerMatches) {
  const auto current = list_of(4);
  // 2 and 3 changed: 2 still matches (new score), 3 was deactivated or lowered; 9 is new.
  const auto proposal = merge_changes(current, {2, 3, 9}, {entry(2, 500), entry(9)});
  EXPECT_EQ(proposal.entries.size(), 4u);
  EXPECT_TRUE(proposal.entries.contains(1));
  EXPECT_FALSE(proposal.entries.contains(3));
  EXPECT_EQ(proposal.entries.at(2).threat_assess_score, 500);
  EXPECT_EQ(proposal.added, 1u);
  EXPECT_EQ(proposal.updated, 1u);
  EXPECT_EQ(proposal.removed, 1u);
}

TEST(ExportMerge, ShrinkWithinTheGuardApplies) {
  const auto current = list_of(10);
  const auto proposal = merge_full(current, {entry(1), entry(2), entry(3), entry(4), entry(5), entry(6), entry(7)});
  EXPECT_EQ(judge(current.size(), proposal, 0.3, true, std::nullopt), Verdict::kApply);  // 30% removed
}

TEST(ExportMerge, ShrinkPastTheGuardIsHeldUntilAFullReadConfirmsIt) {
  const auto current = list_of(10);
  const auto incremental = merge_changes(current, {1, 2, 3, 4}, {});
  EXPECT_EQ(judge(current.size(), incremental, 0.3, false, std::nullopt), Verdict::kHoldShrink);
  const auto held = proposal_id_hash(incremental);
  // An incremental read never confirms, even with the same result.
  EXPECT_EQ(judge(current.size(), incremental, 0.3, false, held), Verdict::kHoldShrink);
  // A full read with the same ids does.
  const auto full = merge_full(current, {entry(5), entry(6), entry(7), entry(8), entry(9), entry(10)});
  EXPECT_EQ(judge(current.size(), full, 0.3, true, held), Verdict::kApply);
  // One with other ids is held again.
  const auto other = merge_full(current, {entry(5), entry(6), entry(7)});
  EXPECT_EQ(judge(current.size(), other, 0.3, true, held), Verdict::kHoldShrink);
}

TEST(ExportMerge, AnEmptyAnswerNeverEmptiesAList) {
  const auto current = list_of(10);
  const auto empty = merge_full(current, {});
  EXPECT_EQ(judge(current.size(), empty, 1.0, true, proposal_id_hash(empty)), Verdict::kRefuseEmpty);
  // An empty list may start empty.
  EXPECT_EQ(judge(0, merge_full({}, {}), 0.3, true, std::nullopt), Verdict::kApply);
}

}  // namespace
}  // namespace tcfeed::exports
