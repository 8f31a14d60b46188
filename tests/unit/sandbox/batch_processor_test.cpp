#include "tests/sandbox/batch_processor.hpp"

#include <gtest/gtest.h>

namespace tcfeed::sandbox {
namespace {

class SandboxBatch : public ::testing::Test {
 protected:
  Store store_{{{"Demo Organization", "Organization"}}};
  const IndicatorType& host_ = *find_type_by_name("Host");

  Job& run(std::string_view settings_json, std::string_view document) {
    BatchSettings settings;
    EXPECT_FALSE(parse_batch_settings(settings_json, store_, settings));
    Job& job = store_.create_job(settings);
    process_batch(store_, job, document, 1700000000);
    return job;
  }
};

constexpr std::string_view kAppend =
    R"({"owner":"Demo Organization","haltOnError":"false","action":"Create","attributeWriteType":"Singleton","tagWriteType":"Append"})";

TEST_F(SandboxBatch, SettingsErrors) {
  BatchSettings settings;
  EXPECT_EQ(
      parse_batch_settings(R"({"owner":"Nope","haltOnError":true,"action":"Create","attributeWriteType":"Append"})",
                           store_, settings)
          ->status,
      403);
  EXPECT_EQ(parse_batch_settings(R"({"owner":"Demo Organization","action":"Create","attributeWriteType":"Append"})",
                                 store_, settings)
                ->status,
            400);
  EXPECT_EQ(parse_batch_settings(
                R"({"owner":"Demo Organization","haltOnError":true,"action":"Update","attributeWriteType":"Append"})",
                store_, settings)
                ->status,
            400);
  EXPECT_EQ(parse_batch_settings("not json", store_, settings)->status, 400);
  EXPECT_FALSE(parse_batch_settings(kAppend, store_, settings));
  EXPECT_EQ(settings.tag_write, WriteType::kAppend);
  EXPECT_EQ(settings.security_label_write, WriteType::kReplace);
}

TEST_F(SandboxBatch, ValidIndicatorsStoredInvalidOnesReported) {
  const Job& job = run(kAppend, R"({"indicator":[
      {"type":"Host","summary":"badguyz.com","rating":3,"confidence":60,"tag":[{"name":"botnet"}]},
      {"type":"Host","hostName":"BAD.example"},
      {"type":"Address","ip":"192.0.2.1"}]})");
  EXPECT_EQ(job.success_count, 2);
  EXPECT_EQ(job.error_count, 1);
  ASSERT_EQ(job.errors.size(), 1u);
  EXPECT_EQ(job.errors[0].source, R"({"type":"Host","hostName":"BAD.example"})");
  const StoredIndicator* stored = store_.find_indicator(1, host_, "badguyz.com");
  ASSERT_NE(stored, nullptr);
  EXPECT_EQ(stored->rating, 3.0);
  EXPECT_EQ(stored->confidence, 60);
}

TEST_F(SandboxBatch, UpsertAppendsTagsAndReplacesSingletonAttributes) {
  run(kAppend, R"({"indicator":[{"type":"Host","summary":"a.example","tag":[{"name":"x"}],
      "attribute":[{"type":"Description","value":"1"},{"type":"Source","value":"s"}]}]})");
  run(kAppend, R"({"indicator":[{"type":"Host","summary":"a.example","rating":2,"tag":[{"name":"y"},{"name":"x"}],
      "attribute":[{"type":"Description","value":"2"}]}]})");
  const StoredIndicator* stored = store_.find_indicator(1, host_, "a.example");
  ASSERT_NE(stored, nullptr);
  EXPECT_EQ(stored->tags, (std::vector<std::string>{"x", "y"}));
  ASSERT_EQ(stored->attributes.size(), 2u);
  EXPECT_EQ(stored->attributes[0].type, "Source");
  EXPECT_EQ(stored->attributes[1].value, "2");
  EXPECT_EQ(store_.indicators().size(), 1u);
}

TEST_F(SandboxBatch, HaltOnErrorLeavesTheRestUnprocessed) {
  const Job& job =
      run(R"({"owner":"Demo Organization","haltOnError":true,"action":"Create","attributeWriteType":"Replace"})",
          R"({"indicator":[{"type":"Host","summary":"a.example"},{"type":"ASN","summary":"AS1"},
          {"type":"Host","summary":"b.example"}]})");
  EXPECT_EQ(job.success_count, 1);
  EXPECT_EQ(job.error_count, 1);
  EXPECT_EQ(job.unprocess_count, 1);
}

TEST_F(SandboxBatch, FileSummaryFromHashFieldsAndDelete) {
  run(kAppend, R"({"indicator":[{"type":"File","md5":"d41d8cd98f00b204e9800998ecf8427e",
      "sha1":"da39a3ee5e6b4b0d3255bfef95601890afd80709","summary":"ignored"}]})");
  const IndicatorType& file = *find_type_by_name("File");
  const std::string summary = "d41d8cd98f00b204e9800998ecf8427e : da39a3ee5e6b4b0d3255bfef95601890afd80709";
  ASSERT_NE(store_.find_indicator(1, file, summary), nullptr);
  run(R"({"owner":"Demo Organization","haltOnError":false,"action":"Delete","attributeWriteType":"Replace"})",
      R"({"indicator":[{"type":"File","summary":")" + summary + R"("}]})");
  EXPECT_EQ(store_.find_indicator(1, file, summary), nullptr);
}

TEST_F(SandboxBatch, ThreeInvalidAmongAThousand) {
  std::string document = R"({"indicator":[)";
  for (int i = 0; i < 1000; ++i) {
    if (i > 0) document += ',';
    if (i == 10) {
      document += R"({"type":"Host","summary":"UPPER.example"})";
    } else if (i == 500) {
      document += R"({"type":"Address","ip":"999.1.1.1"})";
    } else if (i == 999) {
      document += R"({"type":"Host","summary":"h.example","confidence":101})";
    } else {
      document += R"({"type":"Host","summary":"h)" + std::to_string(i) + R"(.example"})";
    }
  }
  document += "]}";
  const Job& job = run(kAppend, document);
  EXPECT_EQ(job.success_count, 997);
  EXPECT_EQ(job.error_count, 3);
  ASSERT_EQ(job.errors.size(), 3u);
  EXPECT_EQ(store_.indicators().size(), 997u);
  EXPECT_NE(job.errors[0].source.find("UPPER.example"), std::string::npos);
  EXPECT_NE(job.errors[1].source.find("999.1.1.1"), std::string::npos);
  EXPECT_NE(job.errors[2].source.find("101"), std::string::npos);
  for (const auto& error : job.errors) EXPECT_TRUE(error.reason.starts_with("Invalid Indicator (0x1005): "));
}

TEST_F(SandboxBatch, SyntaxErrorIsOneJobError) {
  const Job& job = run(kAppend, "{not json");
  EXPECT_EQ(job.error_count, 1);
  EXPECT_EQ(job.success_count, 0);
}

TEST_F(SandboxBatch, GroupsAreStoredAndIndicatorsAssociatedByXid) {
  const Job& job = run(kAppend, R"({"group":[
      {"type":"Malware","name":"Emotet","xid":"tcfeed:threatfox:Emotet","tag":[{"name":"banker"}]}],
      "indicator":[{"type":"Host","summary":"a.example","associatedGroups":[{"groupXid":"tcfeed:threatfox:Emotet"}]}]})");
  EXPECT_EQ(job.error_count, 0);
  EXPECT_EQ(job.success_count, 2);
  const StoredGroup* group = store_.find_group_by_xid("tcfeed:threatfox:Emotet");
  ASSERT_NE(group, nullptr);
  EXPECT_EQ(group->type, "Malware");
  EXPECT_EQ(group->name, "Emotet");
  EXPECT_EQ(group->tags, std::vector<std::string>{"banker"});
  const StoredIndicator* stored = store_.find_indicator(1, host_, "a.example");
  ASSERT_NE(stored, nullptr);
  EXPECT_EQ(stored->group_ids, std::vector<std::int64_t>{group->id});

  // The same xid again updates the group: never a second one. A later job may reference it alone.
  run(kAppend, R"({"group":[{"type":"Malware","name":"Emotet, renamed","xid":"tcfeed:threatfox:Emotet"}],
                   "indicator":[]})");
  const Job& later = run(kAppend, R"({"indicator":[{"type":"Host","summary":"b.example",
                                      "associatedGroups":[{"groupXid":"tcfeed:threatfox:Emotet"}]}]})");
  EXPECT_EQ(later.error_count, 0);
  EXPECT_EQ(store_.groups().size(), 1u);
  EXPECT_EQ(store_.find_group_by_xid("tcfeed:threatfox:Emotet")->name, "Emotet, renamed");
}

TEST_F(SandboxBatch, AnUnknownGroupXidIsAnAssociationError) {
  const Job& job = run(kAppend, R"({"indicator":[{"type":"Host","summary":"a.example",
                                    "associatedGroups":[{"groupXid":"tcfeed:nowhere:x"}]}]})");
  EXPECT_EQ(job.error_count, 1);
  ASSERT_EQ(job.errors.size(), 1u);
  EXPECT_NE(job.errors[0].reason.find("0x1009"), std::string::npos) << job.errors[0].reason;
  EXPECT_NE(job.errors[0].reason.find("tcfeed:nowhere:x"), std::string::npos);
  EXPECT_NE(job.errors[0].source.find("a.example"), std::string::npos);
  // The indicator itself is kept, without the association.
  const StoredIndicator* stored = store_.find_indicator(1, host_, "a.example");
  ASSERT_NE(stored, nullptr);
  EXPECT_TRUE(stored->group_ids.empty());
}

TEST_F(SandboxBatch, AssociationsJoinAnIndicatorOrAGroupToAGroupAndRefuseUnknownEnds) {
  // Earlier jobs: an indicator and two groups, unassociated.
  run(kAppend, R"({"group":[{"type":"Malware","name":"Emotet","xid":"tcfeed:t:malware--1"},
                            {"type":"Intrusion Set","name":"TA542","xid":"tcfeed:t:intrusion-set--2"}],
                   "indicator":[{"type":"Host","summary":"a.example"}]})");
  const Job& job = run(kAppend, R"({"indicator":[],"association":[
      {"ref_1":"a.example","type_1":"Host","ref_2":"tcfeed:t:malware--1"},
      {"ref_1":"tcfeed:t:malware--1","ref_2":"tcfeed:t:intrusion-set--2"},
      {"ref_1":"b.example","type_1":"Host","ref_2":"tcfeed:t:malware--1"},
      {"ref_1":"a.example","type_1":"Host","ref_2":"tcfeed:t:nowhere"},
      {"ref_1":"a.example","type_1":"Host","ref_2":"a.example","type_2":"Host"}]})");
  EXPECT_EQ(job.success_count, 2);
  EXPECT_EQ(job.error_count, 3);
  ASSERT_EQ(job.errors.size(), 3u);
  for (const auto& error : job.errors) EXPECT_NE(error.reason.find("0x1009"), std::string::npos) << error.reason;
  EXPECT_NE(job.errors[0].reason.find("b.example"), std::string::npos) << job.errors[0].reason;
  EXPECT_NE(job.errors[0].source.find("b.example"), std::string::npos);
  EXPECT_NE(job.errors[1].reason.find("tcfeed:t:nowhere"), std::string::npos) << job.errors[1].reason;
  const StoredGroup* malware = store_.find_group_by_xid("tcfeed:t:malware--1");
  const StoredGroup* set = store_.find_group_by_xid("tcfeed:t:intrusion-set--2");
  ASSERT_NE(malware, nullptr);
  ASSERT_NE(set, nullptr);
  EXPECT_EQ(store_.find_indicator(1, host_, "a.example")->group_ids, std::vector<std::int64_t>{malware->id});
  EXPECT_EQ(malware->group_ids, std::vector<std::int64_t>{set->id});
  EXPECT_EQ(set->group_ids, std::vector<std::int64_t>{malware->id});
}

TEST_F(SandboxBatch, GroupsNeedAStandardTypeANameAndAnXid) {
  const Job& job = run(kAppend, R"({"group":[
      {"type":"Malware","name":"no xid"},
      {"type":"Custom Thing","name":"x","xid":"x1"},
      {"type":"Malware","xid":"x2"},
      {"type":"Intrusion Set","name":"APT","xid":"x3"}]})");
  EXPECT_EQ(job.error_count, 3);
  EXPECT_EQ(job.success_count, 1);
  for (const auto& error : job.errors) EXPECT_NE(error.reason.find("0x1006"), std::string::npos) << error.reason;
  EXPECT_NE(store_.find_group_by_xid("x3"), nullptr);
}

}  // namespace
}  // namespace tcfeed::sandbox
