// Associations across polls through the stream (docs/architecture.md, Groups): what a run queued
// or found unchanged is remembered by its source id, a later run's link between two remembered
// ids becomes an `association[]` entry after the indicators, once; an unknown end, a refused value
// and two indicators make none.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lib/pipeline/stream/indicator_stream.hpp"

namespace tcfeed::pipeline {
namespace {

using indicators::GroupType;
using indicators::IndicatorType;

class RefSink final : public BatchSink {
 public:
  void batch(std::string_view document, std::size_t, std::span<const state::SeenEntry>) override {
    documents.emplace_back(document);
  }
  void source_refs(std::span<const state::SourceRef> refs) override {
    kept.insert(kept.end(), refs.begin(), refs.end());
  }
  std::vector<std::string> documents;
  std::vector<state::SourceRef> kept;  // what the state file would hold
};

class AssociationStreamTest : public ::testing::Test {
 protected:
  AssociationStreamTest() {
    connector_.name = "taxii";
    connector_.owner = "Demo Organization";
  }
  // One run: its memory answers from this run first, then from what earlier runs kept.
  void run(std::uint32_t stamp, const std::function<void(IndicatorStream&)>& offers) {
    sink_.documents.clear();
    counters_ = {};
    const std::vector<state::SourceRef> earlier = sink_.kept;
    SourceRefMemory refs(
        [earlier](std::string_view ref) {
          std::vector<state::SourceRef> found;
          for (const auto& kept : earlier)
            if (kept.ref == ref) found.push_back(kept);
          return found;
        },
        stamp);
    StreamSettings settings{stamp, 7 * 86400, false};
    settings.refs = &refs;
    IndicatorStream stream(connector_, global_, policy_, stripped_, seen_, settings, sink_, counters_);
    offers(stream);
    stream.finish();
  }
  static void offer(IndicatorStream& stream, IndicatorType type, std::string_view value, std::string_view ref) {
    Candidate candidate;
    candidate.type = type;
    candidate.value = value;
    candidate.source_ref = ref;
    stream.accept(candidate);
  }
  static void lone(IndicatorStream& stream, std::string_view name, std::string_view id) {
    CandidateGroup group;
    group.type = GroupType::Malware;
    group.name = name;
    group.source_id = id;
    stream.group(group);
  }
  config::Config global_;
  config::ConnectorConfig connector_;
  Policy policy_;
  std::vector<std::string> stripped_;
  SeenSet seen_;
  RefSink sink_;
  RunCounters counters_;
};

TEST_F(AssociationStreamTest, ALinkBetweenEndsOfAnEarlierRunIsAnAssociationEntryAfterTheIndicators) {
  run(1000, [](IndicatorStream& s) {
    offer(s, IndicatorType::Host, "One.Example", "indicator--1");
    offer(s, IndicatorType::Host, "bad host..example", "indicator--2");  // refused: never remembered
    lone(s, "Emotet", "malware--m");
    lone(s, "TA542", "intrusion-set--i");
  });
  ASSERT_EQ(sink_.documents.size(), 1u);
  EXPECT_NE(sink_.documents[0].find(R"("xid":"tcfeed:taxii:malware--m")"), std::string::npos) << sink_.documents[0];
  ASSERT_EQ(sink_.kept.size(), 3u);
  EXPECT_EQ(sink_.kept[0], (state::SourceRef{"indicator--1", "Host", "one.example", 1000}));  // as sent
  EXPECT_EQ(sink_.kept[1], (state::SourceRef{"malware--m", state::kGroupRefKind, "tcfeed:taxii:malware--m", 1000}));

  bool made = false, unknown = true, refused = true, two_indicators = true, group_pair = false;
  run(2000, [&](IndicatorStream& s) {
    offer(s, IndicatorType::Host, "three.example", "indicator--3");
    made = s.associate({"indicator--1", "malware--m"});
    unknown = s.associate({"indicator--1", "malware--never"});
    refused = s.associate({"indicator--2", "malware--m"});
    two_indicators = s.associate({"indicator--1", "indicator--3"});
    group_pair = s.associate({"malware--m", "intrusion-set--i"});
  });
  EXPECT_TRUE(made);
  EXPECT_FALSE(unknown);
  EXPECT_FALSE(refused);
  EXPECT_FALSE(two_indicators);
  EXPECT_TRUE(group_pair);
  ASSERT_EQ(sink_.documents.size(), 1u);
  const std::string& doc = sink_.documents[0];
  EXPECT_EQ(doc.rfind(R"({"indicator":[{"type":"Host","summary":"three.example")", 0), 0u) << doc;
  const std::string associations =
      R"(],"association":[{"ref_1":"one.example","type_1":"Host","ref_2":"tcfeed:taxii:malware--m"},)"
      R"({"ref_1":"tcfeed:taxii:malware--m","ref_2":"tcfeed:taxii:intrusion-set--i"}]})";
  ASSERT_GE(doc.size(), associations.size());
  EXPECT_EQ(doc.substr(doc.size() - associations.size()), associations) << doc;  // after the indicators
  EXPECT_EQ(counters_.associations, 2u);

  // Stated again within delivery.refresh: known, and not sent twice.
  run(3000, [&](IndicatorStream& s) { made = s.associate({"malware--m", "indicator--1"}); });
  EXPECT_TRUE(made);
  EXPECT_TRUE(sink_.documents.empty());
  EXPECT_EQ(counters_.associations, 0u);
}

TEST_F(AssociationStreamTest, WithoutAMemoryNothingIsAssociated) {
  sink_.documents.clear();
  IndicatorStream stream(connector_, global_, policy_, stripped_, seen_, {1000, 7 * 86400, false}, sink_, counters_);
  EXPECT_FALSE(stream.associate({"indicator--1", "malware--m"}));
  stream.finish();
  EXPECT_TRUE(sink_.documents.empty());
}

}  // namespace
}  // namespace tcfeed::pipeline
