// The safety rules of a refresh (docs/exports.md, Safety) and the streamed merges they judge.
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
  e.last_modified = "2026-12-06T08:00:00Z";
  return e;
}

ExportList list_of(int n) {
  std::vector<ExportEntry> entries;
  for (int i = 1; i <= n; ++i) entries.push_back(entry(i));
  return ExportList::of(entries);
}

std::vector<ExportEntry> expanded(const ExportList& list) {
  std::vector<ExportEntry> out;
  for (const auto& e : list.entries()) out.push_back(list.expand(e));
  return out;
}

std::vector<std::int64_t> ids(const ExportList& list) {
  std::vector<std::int64_t> out;
  for (const auto& e : list.entries()) out.push_back(e.id);
  return out;
}

// A full read of `read`, as its pages stream: the proposal, committed when `commit`.
Proposal full_read(ExportList& list, const std::vector<ExportEntry>& read, bool commit = true) {
  StreamedMerge merge(list, true);
  for (const auto& e : read) merge.read(e);
  const Proposal proposal = merge.propose();
  if (commit) merge.commit();
  return proposal;
}

Proposal incremental_read(ExportList& list, const std::vector<std::int64_t>& changed,
                          const std::vector<ExportEntry>& matching, bool commit = true) {
  StreamedMerge merge(list, false);
  for (auto id : changed) merge.changed(id);
  for (const auto& e : matching) merge.read(e);
  const Proposal proposal = merge.propose();
  if (commit) merge.commit();
  return proposal;
}

TEST(ExportMerge, AFullReadReplacesTheList) {
  auto list = list_of(3);
  const auto proposal = full_read(list, {entry(2), entry(3, 999), entry(4)});
  EXPECT_EQ(proposal.size, 3u);
  EXPECT_EQ(proposal.added, 1u);
  EXPECT_EQ(proposal.updated, 1u);
  EXPECT_EQ(proposal.removed, 1u);
  EXPECT_EQ(ids(list), (std::vector<std::int64_t>{2, 3, 4}));
  EXPECT_EQ(list.expand(list[1]).threat_assess_score, 999);
}

TEST(ExportMerge, AnIncrementalReadRemovesWhatChangedAndNoLongerMatches) {
  auto list = list_of(4);
  // 2 and 3 changed: 2 still matches (new score), 3 was deactivated or lowered; 9 is new.
  const auto proposal = incremental_read(list, {2, 3, 9}, {entry(2, 500), entry(9)});
  EXPECT_EQ(proposal.size, 4u);
  EXPECT_EQ(ids(list), (std::vector<std::int64_t>{1, 2, 4, 9}));
  EXPECT_EQ(list.expand(list[1]).threat_assess_score, 500);
  EXPECT_EQ(proposal.added, 1u);
  EXPECT_EQ(proposal.updated, 1u);
  EXPECT_EQ(proposal.removed, 1u);
}

TEST(ExportMerge, ADeletionIsSeenByAFullReadOnly) {
  // 2 was deleted on the platform: a deleted indicator is in no incremental read (it has no
  // lastModified to find it by), so only the full read, which marks what it reads and sweeps
  // the rest, removes it.
  auto list = list_of(4);
  const auto incremental = incremental_read(list, {3}, {entry(3, 700)});
  EXPECT_EQ(incremental.removed, 0u);
  EXPECT_EQ(ids(list), (std::vector<std::int64_t>{1, 2, 3, 4}));
  const auto full = full_read(list, {entry(1), entry(3, 700), entry(4)});
  EXPECT_EQ(full.removed, 1u);
  EXPECT_EQ(full.updated, 0u);
  EXPECT_EQ(ids(list), (std::vector<std::int64_t>{1, 3, 4}));
}

TEST(ExportMerge, StreamedEntriesMatchTheReadInAnyOrderAndTheLastReadWins) {
  auto list = list_of(2);
  const auto proposal = full_read(list, {entry(9, 1), entry(1), entry(5), entry(9, 2), entry(2)});
  EXPECT_EQ(proposal.added, 2u);
  EXPECT_EQ(proposal.size, 4u);
  EXPECT_EQ(ids(list), (std::vector<std::int64_t>{1, 2, 5, 9}));
  EXPECT_EQ(list.expand(list[3]).threat_assess_score, 2);
}

TEST(ExportMerge, AnUncommittedReadLeavesTheListUntouched) {
  auto list = list_of(10);
  const auto before = expanded(list);
  // A shrink the guard refuses: nothing of the read reaches the list, values and all.
  const auto proposal = full_read(list, {entry(1, 900), entry(2, 900), entry(11)}, /*commit=*/false);
  EXPECT_EQ(judge(10, proposal, 0.3, true, std::nullopt), Verdict::kHoldShrink);
  EXPECT_EQ(expanded(list), before);
  incremental_read(list, {1, 2, 3, 4, 5}, {}, /*commit=*/false);
  EXPECT_EQ(expanded(list), before);
}

TEST(ExportMerge, ShrinkWithinTheGuardApplies) {
  auto list = list_of(10);
  const auto proposal = full_read(list, {entry(1), entry(2), entry(3), entry(4), entry(5), entry(6), entry(7)}, false);
  EXPECT_EQ(judge(list.size(), proposal, 0.3, true, std::nullopt), Verdict::kApply);  // 30% removed
}

TEST(ExportMerge, ShrinkPastTheGuardIsHeldUntilAFullReadConfirmsIt) {
  auto list = list_of(10);
  const auto incremental = incremental_read(list, {1, 2, 3, 4}, {}, false);
  EXPECT_EQ(judge(list.size(), incremental, 0.3, false, std::nullopt), Verdict::kHoldShrink);
  const auto held = incremental.id_hash;
  // An incremental read never confirms, even with the same result.
  EXPECT_EQ(judge(list.size(), incremental, 0.3, false, held), Verdict::kHoldShrink);
  // A full read with the same ids does.
  const auto full = full_read(list, {entry(5), entry(6), entry(7), entry(8), entry(9), entry(10)}, false);
  EXPECT_EQ(judge(list.size(), full, 0.3, true, held), Verdict::kApply);
  // One with other ids is held again.
  const auto other = full_read(list, {entry(5), entry(6), entry(7)}, false);
  EXPECT_EQ(judge(list.size(), other, 0.3, true, held), Verdict::kHoldShrink);
}

TEST(ExportMerge, AnEmptyAnswerNeverEmptiesAList) {
  auto list = list_of(10);
  const auto empty = full_read(list, {}, false);
  EXPECT_EQ(judge(list.size(), empty, 1.0, true, empty.id_hash), Verdict::kRefuseEmpty);
  EXPECT_EQ(list.size(), 10u);
  // An empty list may start empty.
  ExportList none;
  EXPECT_EQ(judge(0, full_read(none, {}, false), 0.3, true, std::nullopt), Verdict::kApply);
}

}  // namespace
}  // namespace tcfeed::exports
