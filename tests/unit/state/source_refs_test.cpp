// The source ids a connector mapped: a run's refs are visible only once it commits, lookups are
// per connector, a repeat refreshes the time, and pruning goes by age and then by count, oldest
// first. Real SQLite files.
#include <algorithm>
#include <vector>

#include "tests/unit/state/state_test_support.hpp"

namespace tcfeed::state {
namespace {

class SourceRefsTest : public testing::StateTest {};

void commit(StateStore& store, const std::string& connector, const std::vector<SourceRef>& refs) {
  const RunId run = store.begin_run(connector);
  store.stage_source_refs(run, connector, refs);
  store.commit_run(run, connector, Cursor{}, false);
}

TEST_F(SourceRefsTest, ACommittedRunsRefsAreFoundByTheirConnectorOnly) {
  auto store = open();
  const RunId run = store.begin_run("taxii");
  const SourceRef host{"indicator--1", "Host", "a.example", 1000};
  const SourceRef url{"indicator--1", "URL", "http://a.example/x", 1000};  // an OR pattern's two values
  const SourceRef group{"malware--m", kGroupRefKind, "tcfeed:taxii:malware--m", 1000};
  store.stage_source_refs(run, "taxii", std::vector<SourceRef>{host, url, group});
  EXPECT_TRUE(store.source_refs("taxii", "indicator--1").empty());  // staged: not yet visible
  store.commit_run(run, "taxii", Cursor{}, false);
  auto found = store.source_refs("taxii", "indicator--1");
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.kind < b.kind; });
  EXPECT_EQ(found, (std::vector<SourceRef>{host, url}));
  EXPECT_EQ(store.source_refs("taxii", "malware--m"), (std::vector<SourceRef>{group}));
  EXPECT_TRUE(store.source_refs("other", "malware--m").empty());
  EXPECT_TRUE(store.source_refs("taxii", "malware--x").empty());
  EXPECT_EQ(store.source_ref_count("taxii"), 3);
}

TEST_F(SourceRefsTest, AnAbandonedRunKeepsNothingAndAResetForgetsAll) {
  auto store = open();
  const RunId run = store.begin_run("taxii");
  store.stage_source_refs(run, "taxii", std::vector<SourceRef>{{"indicator--1", "Host", "a.example", 1000}});
  store.abandon_run(run);
  EXPECT_EQ(store.source_ref_count("taxii"), 0);
  commit(store, "taxii", {{"indicator--1", "Host", "a.example", 1000}});
  store.reset_connector("taxii");
  EXPECT_EQ(store.source_ref_count("taxii"), 0);
}

TEST_F(SourceRefsTest, PruningDropsTheOldThenTheOldestBeyondTheBound) {
  auto store = open();
  commit(store, "taxii",
         {{"indicator--1", "Host", "one.example", 1000},
          {"indicator--2", "Host", "two.example", 2000},
          {"indicator--3", "Host", "three.example", 3000}});
  commit(store, "taxii", {{"indicator--1", "Host", "one.example", 4000}});  // mapped again: young again
  commit(store, "other", {{"indicator--1", "Host", "one.example", 10}});
  EXPECT_EQ(store.prune_source_refs("taxii", 2500, 100), 1);  // indicator--2 is too old
  EXPECT_TRUE(store.source_refs("taxii", "indicator--2").empty());
  EXPECT_EQ(store.prune_source_refs("taxii", 0, 1), 1);  // one kept: the newest
  EXPECT_EQ(store.source_refs("taxii", "indicator--1").size(), 1u);
  EXPECT_TRUE(store.source_refs("taxii", "indicator--3").empty());
  EXPECT_EQ(store.source_ref_count("other"), 1);  // another connector's are its own
}

TEST_F(SourceRefsTest, TheRefsSurviveReopeningTheFile) {
  {
    auto store = open();
    commit(store, "taxii", {{"malware--m", kGroupRefKind, "tcfeed:taxii:malware--m", 1000}});
  }
  auto store = open();
  EXPECT_EQ(store.source_refs("taxii", "malware--m").size(), 1u);
}

}  // namespace
}  // namespace tcfeed::state
