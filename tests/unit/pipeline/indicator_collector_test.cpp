#include "lib/pipeline/indicator_collector.hpp"

#include <gtest/gtest.h>

namespace tcfeed::pipeline {
namespace {

using indicators::IndicatorType;

class IndicatorCollectorTest : public ::testing::Test {
protected:
  IndicatorCollectorTest() {
    connector_.name = "feed";
    connector_.owner = "Demo Organization";
    connector_.tags = {"botnet"};
    connector_.security_labels = {"TLP:CLEAR"};
  }
  void offer(IndicatorType type, std::string_view value, std::optional<int> rating = {},
             std::optional<int> confidence = {}, std::vector<std::string_view> tags = {}) {
    Candidate candidate;
    candidate.type = type;
    candidate.value = value;
    candidate.rating = rating;
    candidate.confidence = confidence;
    candidate.tags = std::move(tags);
    collector_.accept(candidate);
  }
  config::Config global_;
  config::ConnectorConfig connector_;
  RunCounters counters_;
  IndicatorCollector collector_{connector_, global_, counters_};
};

TEST_F(IndicatorCollectorTest, NormalizesAndSkipsRepeatsOfTheSameValue) {
  offer(IndicatorType::Host, "Bücher.Example");
  offer(IndicatorType::Host, "xn--bcher-kva.example.");
  offer(IndicatorType::URL, "http://xn--bcher-kva.example/");
  ASSERT_EQ(collector_.indicators().size(), 2u);
  EXPECT_EQ(collector_.indicators()[0].value, "xn--bcher-kva.example");
  EXPECT_EQ(counters_.duplicates, 1u);
  EXPECT_EQ(counters_.candidates, 3u);
}

TEST_F(IndicatorCollectorTest, CountsRejectsPerReason) {
  offer(IndicatorType::Address, "999.1.1.1");
  offer(IndicatorType::Address, "1.2.3");
  offer(IndicatorType::Address, "203.0.113.7");
  EXPECT_EQ(collector_.indicators().size(), 1u);
  std::size_t rejected = 0;
  for (const auto& [reason, count] : counters_.rejected) {
    EXPECT_FALSE(reason.empty());
    rejected += count;
  }
  EXPECT_EQ(rejected, 2u);
}

TEST_F(IndicatorCollectorTest, RatingComesFromSourceThenConnectorThenDefaults) {
  global_.default_rating = 1;
  global_.default_confidence = 10;
  offer(IndicatorType::Address, "198.51.100.1");
  connector_.rating = 2;
  connector_.confidence = 20;
  offer(IndicatorType::Address, "198.51.100.2");
  offer(IndicatorType::Address, "198.51.100.3", 4, 90);
  offer(IndicatorType::Address, "198.51.100.4", 9, 400);  // out of range from a source: clamped
  const auto& items = collector_.indicators();
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].rating, 1);
  EXPECT_EQ(items[0].confidence, 10);
  EXPECT_EQ(items[1].rating, 2);
  EXPECT_EQ(items[1].confidence, 20);
  EXPECT_EQ(items[2].rating, 4);
  EXPECT_EQ(items[2].confidence, 90);
  EXPECT_EQ(items[3].rating, 5);
  EXPECT_EQ(items[3].confidence, 100);
}

TEST_F(IndicatorCollectorTest, MergesStaticAndRecordTagsWithoutDuplicates) {
  offer(IndicatorType::Address, "198.51.100.9", {}, {}, {"botnet", "mirai", ""});
  ASSERT_EQ(collector_.indicators().size(), 1u);
  EXPECT_EQ(collector_.indicators()[0].tags, (std::vector<std::string>{"botnet", "mirai"}));
  EXPECT_EQ(collector_.indicators()[0].security_labels, (std::vector<std::string>{"TLP:CLEAR"}));
}

}  // namespace
}  // namespace tcfeed::pipeline
