// Requeue turns dead letters back into ordinary pending batches whose documents the platform can
// parse: grouped by connector, owner and settings, at most max_indicators each.
#include <simdjson.h>

#include <map>
#include <tuple>
#include <vector>

#include "tests/unit/state/state_test_support.hpp"

namespace tcfeed::state {
namespace {

class DeadLettersTest : public testing::StateTest {};

std::string indicator(int n) {
  // Quotes and a backslash in the value: the stored object must come back byte for byte.
  return R"({"type":"Host","summary":"host-)" + std::to_string(n) +
         R"(.example","attribute":[{"type":"Description","value":"say \"hi\" \\ bye"}]})";
}

// Dead letters for `count` indicators of one batch of (connector, owner, settings).
void add_dead_letters(StateStore& store, const std::string& connector, const std::string& owner,
                      const std::string& settings, int first, int count) {
  const RunId run = store.begin_run(connector);
  store.stage_batch(run, connector, owner, settings, R"({"indicator":[]})", count, 1000);
  store.commit_run(run, connector, Cursor{}, false);
  const auto batch = store.next_due(owner, 1000, {});
  std::vector<DeadLetter> letters;
  for (int n = first; n < first + count; ++n) {
    letters.push_back(DeadLetter{.indicator_json = indicator(n), .reason = "rejected"});
  }
  store.complete_batch(batch->id, letters, 1100);
}

TEST_F(DeadLettersTest, RequeueBuildsValidDocumentsGroupedAndBounded) {
  auto store = open();
  const std::string create = R"({"owner":"Acme","action":"Create"})";
  const std::string other_settings = R"({"owner":"Acme","action":"Create","tagWriteType":"Replace"})";
  add_dead_letters(store, "feed", "Acme", create, 0, 5);
  add_dead_letters(store, "feed", "Acme", other_settings, 100, 1);
  add_dead_letters(store, "other", "Beta", create, 200, 2);
  ASSERT_EQ(store.dead_letters(100).size(), 8u);
  ASSERT_EQ(store.dead_letters(3).size(), 3u);
  ASSERT_EQ(store.outbox_size(), 0);

  EXPECT_EQ(store.requeue_dead_letters(2, 5000), 8);
  EXPECT_TRUE(store.dead_letters(100).empty());

  // (connector, owner, settings) → the summaries of every requeued indicator, in order.
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<std::string>> groups;
  std::size_t batches = 0;
  simdjson::dom::parser parser;
  for (const std::string owner : {"Acme", "Beta"}) {
    std::vector<std::int64_t> seen_ids;
    while (seen_ids.size() < 100) {
      auto batch = store.next_due(owner, 5000, seen_ids);
      if (!batch) break;
      seen_ids.push_back(batch->id);
      ++batches;
      EXPECT_EQ(batch->created_unix, 5000);
      simdjson::dom::element root;
      ASSERT_EQ(parser.parse(batch->document).get(root), simdjson::SUCCESS) << batch->document;
      simdjson::dom::array items;
      ASSERT_EQ(root["indicator"].get_array().get(items), simdjson::SUCCESS);
      EXPECT_EQ(static_cast<std::int64_t>(items.size()), batch->indicators);
      EXPECT_LE(batch->indicators, 2);
      for (simdjson::dom::element item : items) {
        std::string_view summary, description;
        ASSERT_EQ(item["summary"].get_string().get(summary), simdjson::SUCCESS);
        ASSERT_EQ(item["attribute"].at(0)["value"].get_string().get(description), simdjson::SUCCESS);
        EXPECT_EQ(description, R"(say "hi" \ bye)");
        groups[{batch->connector, batch->owner, batch->settings_json}].emplace_back(summary);
      }
    }
  }
  EXPECT_EQ(batches, 5u);  // 5 letters → 3 batches of at most 2, then 1, then 1
  using Summaries = std::vector<std::string>;
  EXPECT_EQ((groups[{"feed", "Acme", create}]),
            (Summaries{"host-0.example", "host-1.example", "host-2.example", "host-3.example", "host-4.example"}));
  EXPECT_EQ((groups[{"feed", "Acme", other_settings}]), (Summaries{"host-100.example"}));
  EXPECT_EQ((groups[{"other", "Beta", create}]), (Summaries{"host-200.example", "host-201.example"}));
  EXPECT_EQ(store.requeue_dead_letters(2, 6000), 0);  // nothing left: no empty batches
  EXPECT_EQ(store.outbox_size(), 5);
}

TEST_F(DeadLettersTest, DeadLettersSurviveReopeningOldestFirst) {
  {
    auto store = open();
    add_dead_letters(store, "feed", "Acme", testing::kSettings, 0, 3);
  }
  auto store = open();
  const auto letters = store.dead_letters(2);
  ASSERT_EQ(letters.size(), 2u);
  EXPECT_EQ(letters[0].indicator_json, indicator(0));
  EXPECT_EQ(letters[1].indicator_json, indicator(1));
  EXPECT_LT(letters[0].id, letters[1].id);
  EXPECT_EQ(letters[0].reason, "rejected");
  EXPECT_EQ(letters[0].at_unix, 1100);
}

}  // namespace
}  // namespace tcfeed::state
