// STIX groups and associations within a poll: each group type, relationships and report refs in
// either order with the indicators they name, and the bounds.
#include "connectors/taxii/stix_groups.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "connectors/taxii/stix_objects_reader.hpp"
#include "lib/pipeline/source/byte_source.hpp"

namespace tcfeed::connectors::taxii {
namespace {

class GroupSink final : public pipeline::CandidateSink {
 public:
  void accept(const pipeline::Candidate& candidate) override {
    std::string line(candidate.value);
    for (const auto& group : candidate.groups) {
      line += " ";
      line += indicators::group_type_name(group.type);
      line += ":" + std::string(group.name) + ":" + std::string(group.source_id);
      for (const auto& [name, value] : group.attributes) line += ":" + std::string(name) + "=" + std::string(value);
      if (!group.date.empty()) line += ":@" + std::string(group.date);
    }
    lines.push_back(line);
    tags.push_back(candidate.tags.empty() ? "" : std::string(candidate.tags.front()));
  }
  void unmapped(pipeline::Unmapped reason) override { reasons.emplace_back(pipeline::unmapped_code(reason)); }
  std::vector<std::string> lines;
  std::vector<std::string> tags;
  std::vector<std::string> reasons;
};

std::string indicator(int n, const std::string& value) {
  return R"({"type":"indicator","spec_version":"2.1","id":"indicator--)" + std::to_string(n) +
         R"(","created":"2026-01-05T10:00:00Z","modified":"2026-01-05T10:00:00Z","pattern_type":"stix",)"
         R"("labels":["l)" +
         std::to_string(n) + R"("],"pattern":"[domain-name:value = ')" + value + R"(']"})";
}

std::string relationship(int n, const std::string& source, const std::string& target, const std::string& extra = "") {
  return R"({"type":"relationship","spec_version":"2.1","id":"relationship--)" + std::to_string(n) +
         R"(","relationship_type":"indicates","source_ref":")" + source + R"(","target_ref":")" + target + "\"" +
         extra + "}";
}

std::string sdo(const std::string& type, const std::string& id, const std::string& name,
                const std::string& extra = "") {
  return R"({"type":")" + type + R"(","spec_version":"2.1","id":")" + id + R"(","name":")" + name + "\"" + extra + "}";
}

// Reads each page as a TAXII envelope through one StixGroups, as a poll does, then finishes it.
struct Poll {
  GroupSink sink;
  std::size_t not_made = 0;
};

Poll poll(const std::vector<std::vector<std::string>>& pages, StixGroupLimits limits = {}) {
  Poll result;
  StixMapOptions options;
  options.now = *parse_stix_time("2026-01-10T12:00:00Z");
  StixMapper mapper(options);
  StixGroups groups(result.sink, limits);
  for (const auto& page : pages) {
    std::string body = R"({"more":false,"objects":[)";
    for (std::size_t i = 0; i < page.size(); ++i) body += (i > 0 ? "," : "") + page[i];
    body += "]}";
    pipeline::StringSource source(body);
    read_stix_objects(source, mapper, result.sink, 1 << 20, &groups);
  }
  result.not_made = groups.finish();
  return result;
}

TEST(StixGroups, ARelationshipOnALaterPageThanItsIndicatorStillAssociatesIt) {
  const auto read = poll({{indicator(1, "one.example"), indicator(2, "two.example")},
                          {relationship(1, "indicator--1", "malware--m"),
                           sdo("malware", "malware--m", "Emotet", R"(,"description":"A loader","is_family":true)")}});
  EXPECT_EQ(read.sink.lines,
            (std::vector<std::string>{"one.example Malware:Emotet:malware--m:Description=A loader", "two.example"}));
  EXPECT_EQ(read.sink.tags, (std::vector<std::string>{"l1", "l2"}));  // the held copy keeps the fields
  EXPECT_EQ(read.sink.reasons, (std::vector<std::string>{"stix_group", "stix_group"}));
  EXPECT_EQ(read.not_made, 0u);
}

TEST(StixGroups, EachGroupTypeMapsAndAReportsRefsAssociateItsIndicators) {
  const auto read = poll({{
      sdo("report", "report--r", "Q1 report",
          R"(,"published":"2026-01-04T00:00:00Z","object_refs":["indicator--1","malware--m","identity--x"])"),
      sdo("intrusion-set", "intrusion-set--i", "APT-X"),
      sdo("threat-actor", "threat-actor--t", "Actor T"),
      sdo("campaign", "campaign--c", "Wave 3", R"(,"first_seen":"2026-01-01T00:00:00Z")"),
      relationship(1, "indicator--1", "intrusion-set--i"),
      relationship(2, "indicator--1", "threat-actor--t", R"(,"relationship_type":"attributed-to")"),
      relationship(3, "indicator--1", "campaign--c"),
      indicator(1, "one.example"),
  }});
  ASSERT_EQ(read.sink.lines.size(), 1u);
  EXPECT_EQ(read.sink.lines[0],
            "one.example Report:Q1 report:report--r:@2026-01-04T00:00:00Z Intrusion Set:APT-X:intrusion-set--i "
            "Adversary:Actor T:threat-actor--t Campaign:Wave 3:campaign--c:@2026-01-01T00:00:00Z");
  EXPECT_EQ(read.not_made, 0u);
}

TEST(StixGroups, WhatTheGroupsDoNotReadIsCountedAndAnAbsentPartyIsNotAssociated) {
  const auto read = poll({{
      relationship(1, "indicator--1", "malware--absent"),  // the group is not in this poll
      relationship(2, "malware--m", "intrusion-set--i"),   // group to group: nothing to send
      relationship(3, "indicator--1", "malware--m", R"(,"revoked":true)"),
      relationship(4, "indicator--9", "malware--m"),  // the indicator is not in this poll
      R"({"type":"relationship","id":"relationship--5","source_ref":"indicator--1"})",  // no target_ref
      sdo("malware", "malware--m", ""),                                                 // no name
      indicator(1, "one.example"),
  }});
  EXPECT_EQ(read.sink.lines, (std::vector<std::string>{"one.example"}));
  EXPECT_EQ(read.sink.reasons, (std::vector<std::string>{"stix_group", "not_indicator", "revoked", "stix_group",
                                                         "malformed_row", "malformed_row"}));
  EXPECT_EQ(read.not_made, 2u);
}

TEST(StixGroups, BeyondItsBoundsAnAssociationIsCountedOrNotMade) {
  StixGroupLimits limits;
  limits.max_held = 1;   // the second indicator pushes the first out before its relationship
  limits.max_links = 2;  // the third association does not fit
  const auto read =
      poll({{indicator(1, "one.example"), indicator(2, "two.example"), sdo("malware", "malware--m", "Emotet"),
             relationship(1, "indicator--1", "malware--m"), relationship(2, "indicator--2", "malware--m"),
             relationship(3, "indicator--2", "malware--n")}},
           limits);
  EXPECT_EQ(read.sink.lines, (std::vector<std::string>{"one.example", "two.example Malware:Emotet:malware--m"}));
  EXPECT_EQ(read.sink.reasons,
            (std::vector<std::string>{"stix_group", "stix_group", "stix_group", "association_dropped"}));
  EXPECT_EQ(read.not_made, 1u);  // indicator--1's, made after it was sent
}

TEST(StixGroups, ADescriptionIsCutOnACharacterBoundary) {
  StixGroupLimits limits;
  limits.max_description_bytes = 4;
  const auto read = poll({{sdo("malware", "malware--m", "M", R"(,"description":"ab\u00e9\u00e9")"),
                           relationship(1, "indicator--1", "malware--m"), indicator(1, "one.example")}},
                         limits);
  EXPECT_EQ(read.sink.lines, (std::vector<std::string>{"one.example Malware:M:malware--m:Description=ab\xc3\xa9"}));
}

TEST(StixGroups, WithGroupsOffTheyAreNotIndicatorsAndTheIndicatorsGoStraightOn) {
  GroupSink sink;
  StixMapOptions options;
  options.now = *parse_stix_time("2026-01-10T12:00:00Z");
  StixMapper mapper(options);
  pipeline::StringSource source(R"({"objects":[)" + indicator(1, "one.example") + "," +
                                sdo("malware", "malware--m", "Emotet") + "," +
                                relationship(1, "indicator--1", "malware--m") + "]}");
  read_stix_objects(source, mapper, sink, 1 << 20);
  EXPECT_EQ(sink.lines, (std::vector<std::string>{"one.example"}));
  EXPECT_EQ(sink.reasons, (std::vector<std::string>{"not_indicator", "not_indicator"}));
}

}  // namespace
}  // namespace tcfeed::connectors::taxii
