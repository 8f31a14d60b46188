// Groups through the stream (docs/architecture.md, Groups): each job carries the groups its
// indicators reference, once and before them; the seen set remembers groups like indicators.
#include <gtest/gtest.h>
#include <simdjson.h>

#include "lib/pipeline/stream/indicator_stream.hpp"

namespace tcfeed::pipeline {
namespace {

using indicators::GroupType;
using indicators::IndicatorType;

struct Document {
  std::string text;
  std::vector<std::string> group_xids;                     // in the group array, in order
  std::vector<std::vector<std::string>> indicator_groups;  // each indicator's associatedGroups
  std::size_t seen = 0;
};

class DocumentSink final : public BatchSink {
 public:
  void batch(std::string_view document, std::size_t indicators, std::span<const state::SeenEntry> seen) override {
    Document doc;
    doc.text = std::string(document);
    doc.seen = seen.size();
    simdjson::dom::parser parser;
    const simdjson::dom::element root = parser.parse(document);
    if (const auto groups = root["group"]; !groups.error()) {
      for (const auto group : groups.get_array()) doc.group_xids.emplace_back(group["xid"].get_string().value());
    }
    for (const auto item : root["indicator"].get_array()) {
      auto& xids = doc.indicator_groups.emplace_back();
      if (const auto groups = item["associatedGroups"]; !groups.error()) {
        for (const auto group : groups.get_array()) xids.emplace_back(group["groupXid"].get_string().value());
      }
    }
    EXPECT_EQ(doc.indicator_groups.size(), indicators);
    documents.push_back(std::move(doc));
  }
  void members(std::span<const state::SnapshotMember> list) override {
    for (const auto& member : list) member_values.emplace_back(member.value);
  }
  std::vector<Document> documents;
  std::vector<std::string> member_values;
};

class GroupStreamTest : public ::testing::Test {
 protected:
  GroupStreamTest() {
    connector_.name = "threatfox";
    connector_.owner = "Demo Organization";
  }
  void run(std::uint32_t stamp, const std::function<void(IndicatorStream&)>& offers, bool members = false) {
    sink_.documents.clear();
    IndicatorStream stream(connector_, global_, policy_, stripped_, seen_, {stamp, 7 * 86400, members}, sink_,
                           counters_);
    offers(stream);
    stream.finish();
  }
  static void offer(IndicatorStream& stream, std::string_view host, std::vector<std::string_view> families,
                    std::string_view description = {}) {
    Candidate candidate;
    candidate.type = IndicatorType::Host;
    candidate.value = host;
    for (const auto family : families) {
      CandidateGroup group;
      group.type = GroupType::Malware;
      group.name = family;
      group.source_id = family;
      if (!description.empty()) group.attributes.emplace_back("Description", description);
      candidate.groups.push_back(group);
    }
    stream.accept(candidate);
  }
  config::Config global_;
  config::ConnectorConfig connector_;
  Policy policy_;
  std::vector<std::string> stripped_;
  SeenSet seen_;
  DocumentSink sink_;
  RunCounters counters_;
};

TEST_F(GroupStreamTest, AGroupSharedByIndicatorsIsWrittenOnceBeforeThem) {
  run(1000, [](IndicatorStream& s) {
    offer(s, "a.example", {"Emotet"});
    offer(s, "b.example", {"Emotet"});
    offer(s, "c.example", {"Emotet", "Qakbot"});
  });
  ASSERT_EQ(sink_.documents.size(), 1u);
  const auto& doc = sink_.documents[0];
  EXPECT_EQ(doc.group_xids, (std::vector<std::string>{"tcfeed:threatfox:Emotet", "tcfeed:threatfox:Qakbot"}));
  EXPECT_EQ(doc.text.rfind(R"({"group":[)", 0), 0u);
  EXPECT_LT(doc.text.find(R"("group")"), doc.text.find(R"("indicator")"));
  ASSERT_EQ(doc.indicator_groups.size(), 3u);
  EXPECT_EQ(doc.indicator_groups[0], std::vector<std::string>{"tcfeed:threatfox:Emotet"});
  EXPECT_EQ(doc.indicator_groups[2], (std::vector<std::string>{"tcfeed:threatfox:Emotet", "tcfeed:threatfox:Qakbot"}));
  EXPECT_EQ(doc.seen, 5u);  // three indicators, two groups
  EXPECT_EQ(counters_.groups, 2u);
  EXPECT_EQ(counters_.indicators, 3u);
}

TEST_F(GroupStreamTest, EveryJobCarriesTheGroupsItsIndicatorsReference) {
  global_.batch.max_indicators = 2;
  run(1000, [](IndicatorStream& s) {
    for (const auto host : {"a.example", "b.example", "c.example", "d.example", "e.example"})
      offer(s, host, {"Emotet"});
  });
  ASSERT_EQ(sink_.documents.size(), 3u);
  std::size_t seen = 0;
  for (const auto& doc : sink_.documents) {
    EXPECT_EQ(doc.group_xids, std::vector<std::string>{"tcfeed:threatfox:Emotet"});
    seen += doc.seen;
  }
  // The group is one seen entry however many jobs of the run carry it.
  EXPECT_EQ(seen, 6u);
}

TEST_F(GroupStreamTest, TheByteLimitCountsTheGroups) {
  global_.batch.max_bytes = 400;
  run(1000, [](IndicatorStream& s) {
    for (const auto host : {"a.example", "b.example", "c.example", "d.example", "e.example", "f.example"}) {
      offer(s, host, {"Emotet"}, "a description long enough to matter for the limit");
    }
  });
  ASSERT_GT(sink_.documents.size(), 1u);
  for (const auto& doc : sink_.documents) {
    EXPECT_LE(doc.text.size(), 400u);
    EXPECT_EQ(doc.group_xids.size(), 1u);
  }
}

TEST_F(GroupStreamTest, AnUnchangedGroupIsNotSentAgainWithoutIndicators) {
  run(1000, [](IndicatorStream& s) { offer(s, "a.example", {"Emotet"}); });
  run(2000, [](IndicatorStream& s) { offer(s, "a.example", {"Emotet"}); });
  EXPECT_TRUE(sink_.documents.empty());
  EXPECT_EQ(counters_.unchanged, 1u);
}

TEST_F(GroupStreamTest, AnUnchangedGroupGoesAgainWithANewIndicatorThatReferencesIt) {
  run(1000, [](IndicatorStream& s) { offer(s, "a.example", {"Emotet"}); });
  run(2000, [](IndicatorStream& s) {
    offer(s, "a.example", {"Emotet"});
    offer(s, "b.example", {"Emotet"});
  });
  // An associatedGroups reference needs the group in the job: another job in flight may not have
  // created it on the platform yet.
  ASSERT_EQ(sink_.documents.size(), 1u);
  EXPECT_EQ(sink_.documents[0].group_xids, std::vector<std::string>{"tcfeed:threatfox:Emotet"});
  EXPECT_EQ(sink_.documents[0].indicator_groups.size(), 1u);
}

TEST_F(GroupStreamTest, AChangedGroupIsSentAloneWhenItsIndicatorsAreUnchanged) {
  run(1000, [](IndicatorStream& s) { offer(s, "a.example", {"Emotet"}, "first"); });
  run(2000, [](IndicatorStream& s) { offer(s, "a.example", {"Emotet"}, "second"); });
  ASSERT_EQ(sink_.documents.size(), 1u);
  EXPECT_EQ(sink_.documents[0].group_xids, std::vector<std::string>{"tcfeed:threatfox:Emotet"});
  EXPECT_TRUE(sink_.documents[0].indicator_groups.empty());
  EXPECT_NE(sink_.documents[0].text.find("second"), std::string::npos);
  run(3000, [](IndicatorStream& s) { offer(s, "a.example", {"Emotet"}, "second"); });
  EXPECT_TRUE(sink_.documents.empty());
}

TEST_F(GroupStreamTest, AnIndicatorGainingAGroupIsSentAgain) {
  run(1000, [](IndicatorStream& s) { offer(s, "a.example", {}); });
  run(2000, [](IndicatorStream& s) { offer(s, "a.example", {"Emotet"}); });
  ASSERT_EQ(sink_.documents.size(), 1u);
  EXPECT_EQ(sink_.documents[0].indicator_groups[0], std::vector<std::string>{"tcfeed:threatfox:Emotet"});
}

TEST_F(GroupStreamTest, GroupsAreNeverListMembers) {
  // Removals act on members only, so a group can never be deactivated or deleted by tcfeed.
  run(
      1000, [](IndicatorStream& s) { offer(s, "a.example", {"Emotet"}); }, true);
  EXPECT_EQ(sink_.member_values, std::vector<std::string>{"a.example"});
}

TEST_F(GroupStreamTest, AGroupWithoutANameIsLeftOut) {
  run(1000, [](IndicatorStream& s) { offer(s, "a.example", {""}); });
  ASSERT_EQ(sink_.documents.size(), 1u);
  EXPECT_TRUE(sink_.documents[0].group_xids.empty());
  EXPECT_EQ(sink_.documents[0].text.find("associatedGroups"), std::string::npos);
}

}  // namespace
}  // namespace tcfeed::pipeline
