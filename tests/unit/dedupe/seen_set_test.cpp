#include "lib/pipeline/stream/seen_set.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <unordered_map>
#include <vector>

#include "lib/core/fingerprint.hpp"
#include "lib/pipeline/stream/dedupe.hpp"

namespace tcfeed::pipeline {
namespace {

TEST(SeenSet, AgreesWithAReferenceMapUnderRandomPutsAndFinds) {
  SeenSet set;
  std::unordered_map<std::uint64_t, std::pair<std::uint32_t, std::uint32_t>> reference;
  std::mt19937_64 random(42);
  for (int i = 0; i < 50'000; ++i) {
    // A small key space makes overwrites common; key 0 and 1 share a slot by design.
    const std::uint64_t key = (random() % 4 == 0) ? random() % 1000 + 2 : random();
    const auto content = static_cast<std::uint32_t>(random());
    // Half the new keys go in as the stream puts them: put_absent() after a find() that missed.
    if (i % 2 == 0 || set.find(key) != nullptr) {
      set.put(key, content, static_cast<std::uint32_t>(i));
    } else {
      set.put_absent(key, content, static_cast<std::uint32_t>(i));
    }
    reference[key] = {content, static_cast<std::uint32_t>(i)};
  }
  EXPECT_EQ(set.size(), reference.size());
  for (const auto& [key, value] : reference) {
    const auto* entry = set.find(key);
    ASSERT_NE(entry, nullptr);
    EXPECT_EQ(entry->content, value.first);
    EXPECT_EQ(entry->sent_at, value.second);
  }
  std::size_t false_hits = 0;
  for (int i = 0; i < 20'000; ++i) {
    const std::uint64_t key = random() | (1ULL << 63);
    if (!reference.contains(key) && set.find(key) != nullptr) ++false_hits;
  }
  EXPECT_EQ(false_hits, 0u);
}

// Small tables filled to just below their growth point: long runs, many of them wrapping around
// the table's end, where an insert moves the residents after its place. Every key stays findable,
// with what was put last.
TEST(SeenSet, FullTablesWithRunsAcrossTheEnd) {
  std::mt19937_64 random(1206);
  for (int round = 0; round < 200; ++round) {
    SeenSet set;
    set.reserve(900);
    std::unordered_map<std::uint64_t, std::uint32_t> reference;
    const std::size_t slots = set.memory_bytes() / sizeof(SeenSet::Entry);
    while (set.size() < slots * 88 / 100) {
      // Keys whose homes crowd the last slots, half of them: the runs wrap into the first ones.
      std::uint64_t key = random() | 1;
      if (random() % 2 == 0) {
        // home() scatters by a multiply; its inverse picks keys whose homes are the last 1/32 of slots.
        const std::uint64_t scattered = ~std::uint64_t{0} - (random() >> 5);
        key = scattered * 0xf1de83e19937733du;  // the inverse of 0x9e3779b97f4a7c15 modulo 2^64
        if (key == 0) continue;
      }
      const auto content = static_cast<std::uint32_t>(random());
      set.put(key, content, 1);
      reference[key] = content;
      ASSERT_EQ(set.memory_bytes() / sizeof(SeenSet::Entry), slots) << "the table grew";
    }
    ASSERT_EQ(set.size(), reference.size());
    for (const auto& [key, content] : reference) {
      const auto* entry = set.find(key);
      ASSERT_NE(entry, nullptr) << "round " << round;
      EXPECT_EQ(entry->content, content);
    }
  }
}

// Loading from the state file hands the keys over sorted. Slots picked by the keys' own high bits
// put every one of them at the start of a table still growing towards its size: one cluster as
// long as the set, walked by every insert (a restart with 929,327 entries took minutes).
TEST(SeenSet, SortedKeysSpreadOverTheTable) {
  std::vector<std::uint64_t> keys;
  std::uint64_t state = 7;
  for (int i = 0; i < 200000; ++i) {
    state = state * 6364136223846793005u + 1442695040888963407u;
    keys.push_back(state);
  }
  std::sort(keys.begin(), keys.end());
  SeenSet seen;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    seen.put(keys[i], 1, 1);
    // Along the way, not only at the end: a rehash spreads what the inserts before it crowded.
    if ((i + 1) % 25000 == 0) {
      ASSERT_LT(seen.longest_probe(), 200u) << "after " << i + 1 << " sorted keys";
    }
  }
  ASSERT_EQ(seen.size(), keys.size());
  for (const auto key : keys) ASSERT_NE(seen.find(key), nullptr);
}

TEST(SeenSet, StaysWithinTheMemoryBudgetPerIndicator) {
  SeenSet set;
  for (std::uint64_t i = 1; i <= 930'000; ++i) set.put(fingerprint64(std::to_string(i)), 1, 1);
  // Issue 5: growth past the pipeline's buffers only from the seen set, at most 24 bytes each.
  EXPECT_LE(set.memory_bytes(), 930'000u * 24);
  EXPECT_EQ(set.size(), 930'000u);
}

TEST(SeenSet, ClearForgetsEverything) {
  SeenSet set;
  set.put(7, 1, 1);
  set.clear();
  EXPECT_EQ(set.find(7), nullptr);
  EXPECT_EQ(set.size(), 0u);
  set.put(7, 2, 2);
  EXPECT_EQ(set.find(7)->content, 2u);
}

TEST(Fingerprint, IsStableAcrossReleases) {
  // Persisted in state files: a change here would re-send every indicator after an upgrade.
  EXPECT_EQ(fingerprint64(""), 0xb380b39e96c48ecaULL);
  EXPECT_EQ(fingerprint64("http://example.com/path-longer-than-sixteen"), 0x003a7a3a01c4b46eULL);
  EXPECT_EQ(fingerprint64("abc", 7), 0x8ecb43bef7f5d01cULL);
  EXPECT_NE(fingerprint64("a"), fingerprint64(std::string_view("a\0", 2)));
  EXPECT_NE(fingerprint64("abc", 1), fingerprint64("abc", 2));
}

TEST(JudgeSeen, DecidesFromContentAgeAndRun) {
  const SeenSet::Entry sent{1, 77, 1000};
  constexpr std::uint32_t kWeek = 7 * 86400;
  EXPECT_EQ(judge_seen(nullptr, 77, 2000, kWeek), SeenVerdict::Send);
  EXPECT_EQ(judge_seen(&sent, 77, 2000, kWeek), SeenVerdict::Unchanged);
  EXPECT_EQ(judge_seen(&sent, 78, 2000, kWeek), SeenVerdict::Send);
  EXPECT_EQ(judge_seen(&sent, 77, 1000 + kWeek, kWeek), SeenVerdict::Send);
  EXPECT_EQ(judge_seen(&sent, 77, 1000 + kWeek - 1, kWeek), SeenVerdict::Unchanged);
  EXPECT_EQ(judge_seen(&sent, 78, 1000, kWeek), SeenVerdict::DuplicateInRun);
}

}  // namespace
}  // namespace tcfeed::pipeline
