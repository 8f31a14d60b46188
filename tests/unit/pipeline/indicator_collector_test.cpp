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
  Policy policy_;
  std::vector<std::string> stripped_{"abuse.ch", "URLhaus"};
  RunCounters counters_;
  IndicatorCollector collector_{connector_, global_, policy_, stripped_, counters_};
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
  EXPECT_EQ(counters_.clamped, 2u);
}

TEST_F(IndicatorCollectorTest, DropsBenignRecordsAndAllowlistedValues) {
  ASSERT_TRUE(policy_.allowlist.add_builtin("reserved-ip-ranges"));
  ASSERT_FALSE(policy_.allowlist.add("example.org").has_value());
  Candidate benign;
  benign.type = IndicatorType::Host;
  benign.value = "good.example";
  benign.benign = true;
  collector_.accept(benign);
  offer(IndicatorType::Address, "192.168.7.7");
  offer(IndicatorType::URL, "http://cdn.example.org/x");
  offer(IndicatorType::Host, "notexample.org");
  ASSERT_EQ(collector_.indicators().size(), 1u);
  EXPECT_EQ(collector_.indicators()[0].value, "notexample.org");
  EXPECT_EQ(counters_.dropped["benign"], 1u);
  EXPECT_EQ(counters_.dropped["allowlist:reserved-ip-ranges"], 1u);
  EXPECT_EQ(counters_.dropped["allowlist:entry"], 1u);
}

TEST_F(IndicatorCollectorTest, AttackTechniquesBecomeTagsOnlyWhenKnown) {
  policy_.attack_catalog.add_technique("T1055", "Process Injection");
  Candidate candidate;
  candidate.type = IndicatorType::Host;
  candidate.value = "c2.example";
  candidate.attack_techniques = {"T1055", "T9999"};
  candidate.attack_tactic = "defense-evasion";
  collector_.accept(candidate);
  ASSERT_EQ(collector_.indicators().size(), 1u);
  const auto& tags = collector_.indicators()[0].tags;
  EXPECT_NE(std::find(tags.begin(), tags.end(), "T1055 - Process Injection - DEF - ENT - ATT&CK"), tags.end());
  EXPECT_EQ(counters_.attack_unknown, 1u);
}

TEST_F(IndicatorCollectorTest, MergesStaticAndRecordTagsWithoutDuplicates) {
  offer(IndicatorType::Address, "198.51.100.9", {}, {}, {"botnet", " mirai ", "", "URLhaus", "Botnet"});
  ASSERT_EQ(collector_.indicators().size(), 1u);
  EXPECT_EQ(collector_.indicators()[0].tags, (std::vector<std::string>{"botnet", "mirai"}));
  EXPECT_EQ(collector_.indicators()[0].security_labels, (std::vector<std::string>{"TLP:CLEAR"}));
}

}  // namespace
}  // namespace tcfeed::pipeline
