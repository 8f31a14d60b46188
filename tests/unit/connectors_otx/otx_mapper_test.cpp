// The OTX pulse mapper: each indicator type, what is left out and why, the pulse's tags, ATT&CK ids
// and its Report group.
#include "connectors/otx/otx_mapper.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "connectors/otx/otx_connector.hpp"
#include "tests/unit/connectors_abusech/abusech_sink.hpp"

namespace tcfeed::connectors::otx {
namespace {

using testing_support::AbusechSink;

const StixTime kNow = *parse_otx_time("2026-01-10T12:00:00");

class RecordingSink final : public pipeline::CandidateSink {
 public:
  void accept(const pipeline::Candidate& candidate) override {
    lines.accept(candidate);
    std::string attack;
    for (const auto technique : candidate.attack_techniques) attack += std::string(technique) + ",";
    attacks.push_back(attack);
    if (!candidate.groups.empty()) {
      const auto& group = candidate.groups.front();
      std::string text = std::string(group.date) + "|";
      for (const auto& [name, value] : group.attributes) text += std::string(name) + "=" + std::string(value) + ";";
      group_details.push_back(text);
    }
  }
  void unmapped(pipeline::Unmapped reason) override { lines.unmapped(reason); }
  AbusechSink lines;
  std::vector<std::string> attacks;
  std::vector<std::string> group_details;
};

std::string pulse(const std::string& indicators, const std::string& extra = "") {
  return R"({"id":"65a1","name":"Wave","description":"About the wave.","created":"2026-01-08T09:00:00.500000",)"
         R"("modified":"2026-01-09T10:00:00.123000","tags":["phishing","otx"],"attack_ids":["T1566"],)" +
         extra + R"("indicators":[)" + indicators + "]}";
}

std::string indicator(const std::string& type, const std::string& value, const std::string& extra = "") {
  return R"({"id":1,"type":")" + type + R"(","indicator":")" + value + R"(","is_active":1)" + extra + "}";
}

struct Mapped {
  OtxPulseResult result;
  RecordingSink sink;
};

void map(const std::string& json, Mapped& out, OtxMapOptions options = {}) {
  if (options.now == StixTime{}) options.now = kNow;
  simdjson::dom::parser parser;
  const simdjson::dom::element element = parser.parse(json);
  OtxMapper mapper(options);
  out.result = mapper.map(element, out.sink);
}

TEST(OtxMapper, MapsEachSupportedTypeAndCountsTheRest) {
  const std::string all = indicator("IPv4", "185.216.71.10") + "," + indicator("IPv6", "2a0b:4140:1::10") + "," +
                          indicator("domain", "a.example") + "," + indicator("hostname", "b.a.example") + "," +
                          indicator("URL", "http://a.example/x") + "," + indicator("URI", "http://a.example/y") + "," +
                          indicator("email", "x@a.example") + "," + indicator("FileHash-MD5", "m") + "," +
                          indicator("FileHash-SHA1", "s1") + "," + indicator("FileHash-SHA256", "s2") + "," +
                          indicator("CIDR", "45.9.148.0/24") + "," + indicator("CVE", "CVE-2024-3400") + "," +
                          indicator("YARA", "r") + "," + indicator("Mutex", "m");
  Mapped out;
  map(pulse(all), out);
  EXPECT_EQ(out.result.records, 14u);
  const std::vector<std::string> expected = {
      "Address\t185.216.71.10\tphishing|otx\t-\t",
      "Address\t2a0b:4140:1::10\tphishing|otx\t-\t",
      "Host\ta.example\tphishing|otx\t-\t",
      "Host\tb.a.example\tphishing|otx\t-\t",
      "URL\thttp://a.example/x\tphishing|otx\t-\t",
      "URL\thttp://a.example/y\tphishing|otx\t-\t",
      "EmailAddress\tx@a.example\tphishing|otx\t-\t",
      "File\tm\tphishing|otx\t-\t",
      "File\ts1\tphishing|otx\t-\t",
      "File\ts2\tphishing|otx\t-\t",
      "CIDR\t45.9.148.0/24\tphishing|otx\t-\t",
      "unmapped\totx_type_unsupported",
      "unmapped\totx_type_unsupported",
      "unmapped\totx_type_unsupported",
  };
  EXPECT_EQ(out.sink.lines.lines, expected);
  ASSERT_FALSE(out.sink.attacks.empty());
  EXPECT_EQ(out.sink.attacks.front(), "T1566,");
}

TEST(OtxMapper, EachIndicatorIsInThePulsesReportGroup) {
  Mapped out;
  map(pulse(indicator("IPv4", "185.216.71.10") + "," + indicator("domain", "a.example")), out);
  const std::vector<std::string> groups = {"Report:Wave:65a1", "Report:Wave:65a1"};
  EXPECT_EQ(out.sink.lines.groups, groups);
  ASSERT_EQ(out.sink.group_details.size(), 2u);
  EXPECT_EQ(out.sink.group_details.front(),
            "2026-01-08T09:00:00.500000Z|Description=About the wave.;Source=https://otx.alienvault.com/pulse/65a1;");
}

TEST(OtxMapper, GroupsOffSendsIndicatorsAlone) {
  Mapped out;
  OtxMapOptions options;
  options.groups = false;
  map(pulse(indicator("IPv4", "185.216.71.10")), out, options);
  EXPECT_EQ(out.sink.lines.groups, std::vector<std::string>{""});
}

TEST(OtxMapper, InactiveAndExpiredIndicatorsAreSkipped) {
  const std::string indicators = std::string(R"({"type":"IPv4","indicator":"185.216.71.1","is_active":0})") + "," +
                                 R"({"type":"IPv4","indicator":"185.216.71.2","is_active":false})" + "," +
                                 indicator("IPv4", "185.216.71.3", R"(,"expiration":"2026-01-10T11:59:59")") + "," +
                                 indicator("IPv4", "185.216.71.4", R"(,"expiration":"2026-01-10T12:00:01")") + "," +
                                 indicator("IPv4", "185.216.71.5", R"(,"expiration":null)") + "," +
                                 indicator("IPv4", "185.216.71.6", R"(,"expiration":"soon")");
  Mapped out;
  map(pulse(indicators), out);
  const std::vector<std::string> expected = {
      "unmapped\tinactive",
      "unmapped\tinactive",
      "unmapped\texpired",
      "Address\t185.216.71.4\tphishing|otx\t-\t",
      "Address\t185.216.71.5\tphishing|otx\t-\t",
      "unmapped\tmalformed_row",
  };
  EXPECT_EQ(out.sink.lines.lines, expected);
}

TEST(OtxMapper, AttackIdsAsObjectsAndBounded) {
  Mapped out;
  OtxMapOptions options;
  options.max_techniques = 2;
  const std::string json =
      R"({"id":"p","name":"n","modified":"2026-01-09T10:00:00","attack_ids":[{"id":"T1059","name":"x"},"T1566",)"
      R"("T1003"],"indicators":[)" +
      indicator("domain", "a.example") + "]}";
  map(json, out, options);
  EXPECT_EQ(out.sink.attacks, std::vector<std::string>{"T1059,T1566,"});
}

TEST(OtxMapper, PulseOlderThanAskedIsSkippedWhole) {
  Mapped out;
  OtxMapOptions options;
  options.not_before = *parse_otx_time("2026-01-09T10:00:00.123001");
  options.before_reason = pipeline::Unmapped::AlreadyRead;
  map(pulse(indicator("IPv4", "185.216.71.10") + "," + indicator("CVE", "x")), out, options);
  EXPECT_EQ(out.result.records, 2u);
  EXPECT_TRUE(out.sink.lines.lines.empty());
  EXPECT_EQ(out.sink.lines.left_out["already_read"], 2u);
  ASSERT_TRUE(out.result.modified);
  EXPECT_EQ(taxii::format_stix_time(*out.result.modified), "2026-01-09T10:00:00.123000Z");

  Mapped same;
  options.not_before = *parse_otx_time("2026-01-09T10:00:00.123000");
  map(pulse(indicator("IPv4", "185.216.71.10")), same, options);
  EXPECT_EQ(same.sink.lines.lines.size(), 1u) << "a pulse modified at the asked time is read";
}

TEST(OtxMapper, MalformedPulsesCountOnce) {
  for (const std::string json : {R"([1,2])", R"({"name":"no id","indicators":[]})", R"({"id":"x","indicators":3})"}) {
    Mapped out;
    map(json, out);
    EXPECT_EQ(out.result.records, 1u) << json;
    EXPECT_EQ(out.sink.lines.lines, std::vector<std::string>{"unmapped\tmalformed_row"}) << json;
  }
}

TEST(OtxMapper, DescriptionIsCutOnACharacterBoundary) {
  EXPECT_EQ(cut_utf8("abc", 10), "abc");
  EXPECT_EQ(cut_utf8("ab\xc3\xa9", 3), "ab");
  EXPECT_EQ(cut_utf8("ab\xc3\xa9", 4), "ab\xc3\xa9");
  EXPECT_EQ(cut_utf8("\xe2\x82\xac\xe2\x82\xac", 5), "\xe2\x82\xac");
}

TEST(OtxTime, ReadsOtxDates) {
  EXPECT_TRUE(parse_otx_time("2026-01-09T10:00:00"));
  EXPECT_TRUE(parse_otx_time("2026-01-09T10:00:00.123000"));
  EXPECT_TRUE(parse_otx_time("2026-01-09T10:00:00Z"));
  EXPECT_EQ(parse_otx_time("2026-01-09T10:00:00+00:00"), parse_otx_time("2026-01-09T10:00:00"));
  EXPECT_FALSE(parse_otx_time("2026-01-09"));
  EXPECT_FALSE(parse_otx_time(""));
}

TEST(OtxUrls, FirstPageAndOrigin) {
  EXPECT_EQ(subscribed_url("https://otx.alienvault.com/", "2026-01-09T10:00:00Z", 50),
            "https://otx.alienvault.com/api/v1/pulses/subscribed?modified_since=2026-01-09T10:00:00Z&limit=50");
  EXPECT_TRUE(same_origin("https://otx.alienvault.com", "https://otx.alienvault.com/api/v1/x?page=2"));
  EXPECT_FALSE(same_origin("https://otx.alienvault.com", "https://otx.alienvault.com.evil.example/api"));
  EXPECT_FALSE(same_origin("https://otx.alienvault.com", "http://otx.alienvault.com/api"));
}

}  // namespace
}  // namespace tcfeed::connectors::otx
