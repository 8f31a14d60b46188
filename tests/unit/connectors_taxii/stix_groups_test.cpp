// STIX groups and associations within a poll: each group type, relationships and report refs in
// either order with the indicators they name, and the bounds; and across polls: what a poll cannot
// make goes to the sink as a link, and is counted by what the sink answers.
#include "connectors/taxii/stix_groups.hpp"

#include <gtest/gtest.h>

#include <set>
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
    // As the stream does: what was handed on can be named by a later association.
    known.emplace(candidate.source_ref);
    for (const auto& group : candidate.groups) known.emplace(group.source_id);
  }
  void unmapped(pipeline::Unmapped reason) override { reasons.emplace_back(pipeline::unmapped_code(reason)); }
  void group(const pipeline::CandidateGroup& group) override {
    lone.push_back(std::string(indicators::group_type_name(group.type)) + ":" + std::string(group.name));
    known.emplace(group.source_id);
  }
  bool associate(const pipeline::CandidateLink& link) override {
    const bool made = known.count(std::string(link.ref_1)) > 0 && known.count(std::string(link.ref_2)) > 0;
    links.push_back(std::string(link.ref_1) + (made ? " = " : " ? ") + std::string(link.ref_2));
    return made;
  }
  std::vector<std::string> lines;
  std::vector<std::string> tags;
  std::vector<std::string> reasons;
  std::vector<std::string> lone;   // groups handed on alone
  std::vector<std::string> links;  // associations asked for: "a = b" made, "a ? b" not
  std::set<std::string> known;
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
  // The report's ref to a group is a group association; that malware was never read.
  EXPECT_EQ(read.sink.links, (std::vector<std::string>{"report--r ? malware--m"}));
  EXPECT_EQ(read.not_made, 1u);
}

TEST(StixGroups, WhatTheGroupsDoNotReadIsCountedAndAnAbsentPartyIsNotAssociated) {
  const auto read = poll({{
      relationship(1, "indicator--1", "malware--absent"),  // the group is not in this poll
      relationship(2, "malware--m", "intrusion-set--i"),   // group to group, neither known
      relationship(3, "indicator--1", "malware--m", R"(,"revoked":true)"),
      relationship(4, "indicator--9", "malware--m"),  // the indicator is not in this poll
      R"({"type":"relationship","id":"relationship--5","source_ref":"indicator--1"})",  // no target_ref
      sdo("malware", "malware--m", ""),                                                 // no name
      indicator(1, "one.example"),
  }});
  EXPECT_EQ(read.sink.lines, (std::vector<std::string>{"one.example"}));
  // Relationships are counted when the poll ends, once the sink said whether their ends are known.
  EXPECT_EQ(read.sink.reasons,
            (std::vector<std::string>{"revoked", "malformed_row", "malformed_row", "association_unresolved",
                                      "association_unresolved", "association_unresolved"}));
  EXPECT_EQ(read.not_made, 3u);
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
            (std::vector<std::string>{"stix_group", "association_dropped", "stix_group", "stix_group"}));
  // indicator--1 was handed on before its relationship: the association goes as a link.
  EXPECT_EQ(read.sink.links, (std::vector<std::string>{"indicator--1 = malware--m"}));
  EXPECT_EQ(read.not_made, 0u);
}

TEST(StixGroups, ARelationshipInALaterPollGoesAsALinkAndAnUnknownEndIsCounted) {
  GroupSink sink;  // one stream memory across both polls, as the state file gives
  StixMapOptions options;
  options.now = *parse_stix_time("2026-01-10T12:00:00Z");
  StixMapper mapper(options);
  const auto read = [&](const std::vector<std::string>& objects) {
    StixGroups groups(sink);
    std::string body = R"({"more":false,"objects":[)";
    for (std::size_t i = 0; i < objects.size(); ++i) body += (i > 0 ? "," : "") + objects[i];
    body += "]}";
    pipeline::StringSource source(body);
    read_stix_objects(source, mapper, sink, 1 << 20, &groups);
    return groups.finish();
  };
  // Poll 1: an indicator and a malware no relationship of the poll names: the malware goes alone.
  EXPECT_EQ(read({indicator(1, "one.example"), sdo("malware", "malware--m", "Emotet")}), 0u);
  EXPECT_EQ(sink.lines, (std::vector<std::string>{"one.example"}));
  EXPECT_EQ(sink.lone, (std::vector<std::string>{"Malware:Emotet"}));
  EXPECT_EQ(sink.reasons, (std::vector<std::string>{"stix_group"}));
  sink.reasons.clear();
  // Poll 2: only relationships.
  EXPECT_EQ(read({relationship(1, "indicator--1", "malware--m"),
                  relationship(2, "malware--m", "intrusion-set--never", R"(,"relationship_type":"attributed-to")"),
                  relationship(3, "indicator--1", "indicator--2"), relationship(4, "identity--x", "malware--m")}),
            1u);
  EXPECT_EQ(sink.links, (std::vector<std::string>{"indicator--1 = malware--m", "malware--m ? intrusion-set--never"}));
  EXPECT_EQ(sink.reasons,
            (std::vector<std::string>{"not_indicator", "not_indicator", "stix_group", "association_unresolved"}));
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
