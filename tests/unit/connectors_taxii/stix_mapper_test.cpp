// The STIX indicator mapper: each field's effect on the candidates, and what is left out and why.
#include "connectors/taxii/stix_mapper.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/unit/connectors_abusech/abusech_sink.hpp"

namespace tcfeed::connectors::taxii {
namespace {

using testing_support::AbusechSink;

const StixTime kNow = *parse_stix_time("2026-01-10T12:00:00Z");

struct Mapped {
  StixMapResult result;
  std::vector<std::string> lines;
  std::vector<std::string> attack;  // per candidate: "tactic|technique,technique"
  std::vector<bool> benign;
  std::vector<bool> continues;
  std::map<std::string, std::size_t> left_out;
};

class RecordingSink final : public pipeline::CandidateSink {
 public:
  void accept(const pipeline::Candidate& candidate) override {
    lines.accept(candidate);
    std::string attack(candidate.attack_tactic.value_or("-"));
    attack += "|";
    for (std::size_t i = 0; i < candidate.attack_techniques.size(); ++i) {
      if (i > 0) attack += ",";
      attack += candidate.attack_techniques[i];
    }
    attacks.push_back(attack);
    benign.push_back(candidate.benign);
    continues.push_back(candidate.continues_record);
  }
  void unmapped(pipeline::Unmapped reason) override { lines.unmapped(reason); }
  AbusechSink lines;
  std::vector<std::string> attacks;
  std::vector<bool> benign;
  std::vector<bool> continues;
};

Mapped map(const std::string& json, StixMapOptions options = {}) {
  if (options.now == StixTime{}) options.now = kNow;
  simdjson::dom::parser parser;
  const simdjson::dom::element object = parser.parse(json);
  RecordingSink sink;
  StixMapper mapper(options);
  Mapped out;
  out.result = mapper.map(object, sink);
  out.lines = sink.lines.lines;
  out.attack = sink.attacks;
  out.benign = sink.benign;
  out.continues = sink.continues;
  out.left_out = sink.lines.left_out;
  return out;
}

std::string indicator(const std::string& pattern, const std::string& extra = "") {
  std::string escaped;
  for (char c : pattern) {
    if (c == '\\' || c == '"') escaped += '\\';
    escaped += c;
  }
  return R"({"type":"indicator","spec_version":"2.1","id":"indicator--1","created":"2026-01-01T00:00:00.000Z",)"
         R"("modified":"2026-01-02T00:00:00.000Z","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z",)"
         R"("pattern":")" +
         escaped + "\"" + extra + "}";
}

TEST(StixMapper, AnIndicatorBecomesItsPatternsValuesWithConfidenceAndLabels) {
  const auto out = map(indicator("[ipv4-addr:value = '198.51.100.7'] OR [domain-name:value = 'evil.example']",
                                 R"(,"confidence":85,"labels":["botnet","c2"])"));
  EXPECT_EQ(out.result.verdict, StixVerdict::Mapped);
  EXPECT_EQ(out.lines, (std::vector<std::string>{"Address\t198.51.100.7\tbotnet|c2\t85\t",
                                                 "Host\tevil.example\tbotnet|c2\t85\t"}));
  // One record however many values: the second candidate continues it.
  EXPECT_EQ(out.continues, (std::vector<bool>{false, true}));
  EXPECT_EQ(out.result.modified, parse_stix_time("2026-01-02T00:00:00Z"));
}

TEST(StixMapper, ConfidenceOutsideZeroToHundredIsLeftUnset) {
  EXPECT_EQ(map(indicator("[url:value = 'http://a.example/']", R"(,"confidence":101)")).lines,
            (std::vector<std::string>{"URL\thttp://a.example/\t\t-\t"}));
  EXPECT_EQ(map(indicator("[url:value = 'http://a.example/']", R"(,"confidence":"high")")).lines,
            (std::vector<std::string>{"URL\thttp://a.example/\t\t-\t"}));
  EXPECT_EQ(map(indicator("[url:value = 'http://a.example/']", R"(,"confidence":0)")).lines,
            (std::vector<std::string>{"URL\thttp://a.example/\t\t0\t"}));
}

TEST(StixMapper, RevokedAndExpiredAreSkippedNotSent) {
  auto out = map(indicator("[url:value = 'http://a.example/']", R"(,"revoked":true)"));
  EXPECT_EQ(out.result.verdict, StixVerdict::Skipped);
  EXPECT_EQ(out.lines, (std::vector<std::string>{"unmapped\trevoked"}));
  out = map(indicator("[url:value = 'http://a.example/']", R"(,"valid_until":"2026-01-10T12:00:00Z")"));
  EXPECT_EQ(out.lines, (std::vector<std::string>{"unmapped\texpired"}));
  out = map(indicator("[url:value = 'http://a.example/']", R"(,"valid_until":"2026-01-10T12:00:00.001Z")"));
  EXPECT_EQ(out.lines, (std::vector<std::string>{"URL\thttp://a.example/\t\t-\t"}));
  out = map(indicator("[url:value = 'http://a.example/']", R"(,"revoked":false)"));
  EXPECT_EQ(out.lines.size(), 1u);
  out = map(indicator("[url:value = 'http://a.example/']", R"(,"valid_until":"soon")"));
  EXPECT_EQ(out.lines, (std::vector<std::string>{"unmapped\tmalformed_row"}));
}

TEST(StixMapper, AttackFromKillChainPhasesAndExternalReferences) {
  const auto out =
      map(indicator("[url:value = 'http://a.example/']",
                    R"(,"kill_chain_phases":[{"kill_chain_name":"mitre-attack","phase_name":"initial-access"},)"
                    R"({"kill_chain_name":"lockheed-martin-cyber-kill-chain","phase_name":"delivery"}],)"
                    R"("external_references":[{"source_name":"mitre-attack","external_id":"T1566"},)"
                    R"({"source_name":"capec","external_id":"CAPEC-98"},)"
                    R"({"source_name":"mitre-attack","external_id":"T1566.001","url":"https://x"}])"));
  EXPECT_EQ(out.attack, (std::vector<std::string>{"initial-access|T1566,T1566.001"}));
}

TEST(StixMapper, TwoAttackTacticsNameNone) {
  const auto out = map(indicator("[url:value = 'http://a.example/']",
                                 R"(,"kill_chain_phases":[{"kill_chain_name":"mitre-attack","phase_name":"execution"},)"
                                 R"({"kill_chain_name":"mitre-attack","phase_name":"persistence"}])"));
  EXPECT_EQ(out.attack, (std::vector<std::string>{"-|"}));
}

TEST(StixMapper, ABenignIndicatorTypeIsTheSourcesVerdict) {
  EXPECT_EQ(map(indicator("[url:value = 'http://a.example/']", R"(,"indicator_types":["benign"])")).benign,
            (std::vector<bool>{true}));
  EXPECT_EQ(map(indicator("[url:value = 'http://a.example/']", R"(,"indicator_types":["malicious-activity"])")).benign,
            (std::vector<bool>{false}));
}

TEST(StixMapper, UnsupportedPatternsAreCountedWithTheirReason) {
  EXPECT_EQ(map(indicator("[ipv4-addr:value = '192.0.2.1' AND url:value = 'http://a/']")).lines,
            (std::vector<std::string>{"unmapped\tpattern_and"}));
  EXPECT_EQ(map(indicator("[file:name = 'evil.exe']")).lines, (std::vector<std::string>{"unmapped\tpattern_object"}));
  EXPECT_EQ(map(indicator("[url:value MATCHES 'x']")).lines, (std::vector<std::string>{"unmapped\tpattern_operator"}));
  auto sigma = indicator("[url:value = 'http://a/']");
  sigma.replace(sigma.find(R"("pattern_type":"stix")"), 21, R"("pattern_type":"sigma")");
  EXPECT_EQ(map(sigma).lines, (std::vector<std::string>{"unmapped\tpattern_not_stix"}));
}

TEST(StixMapper, AStix20IndicatorWithoutPatternTypeIsAStixPattern) {
  const auto out = map(
      R"({"type":"indicator","id":"indicator--2","created":"2017-01-01T00:00:00Z","modified":"2017-01-01T00:00:00Z",)"
      R"("labels":["malicious-activity"],"pattern":"[url:value = 'http://b.example/']","valid_from":"2017-01-01T00:00:00Z"})");
  EXPECT_EQ(out.lines, (std::vector<std::string>{"URL\thttp://b.example/\tmalicious-activity\t-\t"}));
  // In 2.1 pattern_type is required.
  EXPECT_EQ(map(R"({"type":"indicator","spec_version":"2.1","pattern":"[url:value = 'http://b.example/']"})").lines,
            (std::vector<std::string>{"unmapped\tmalformed_row"}));
}

TEST(StixMapper, OtherObjectsAreSkippedAndBrokenOnesMalformed) {
  auto out = map(R"({"type":"malware","id":"malware--1","name":"Emotet","is_family":true})");
  EXPECT_EQ(out.result.verdict, StixVerdict::Skipped);
  EXPECT_EQ(out.lines, (std::vector<std::string>{"unmapped\tnot_indicator"}));
  EXPECT_EQ(map(R"({"id":"x"})").lines, (std::vector<std::string>{"unmapped\tmalformed_row"}));
  EXPECT_EQ(map(R"(["indicator"])").lines, (std::vector<std::string>{"unmapped\tmalformed_row"}));
  EXPECT_EQ(map(R"({"type":"indicator","pattern_type":"stix"})").lines,
            (std::vector<std::string>{"unmapped\tmissing_value"}));
}

TEST(StixMapper, ABundleFilesBackfillAndCursorUseModified) {
  StixMapOptions options;
  options.not_before = parse_stix_time("2026-01-03T00:00:00Z");
  auto out = map(indicator("[url:value = 'http://a.example/']"), options);
  EXPECT_EQ(out.result.verdict, StixVerdict::Skipped);
  EXPECT_EQ(out.left_out, (std::map<std::string, std::size_t>{{"before_backfill", 1}}));
  options.not_before.reset();
  options.after = parse_stix_time("2026-01-02T00:00:00Z");
  out = map(indicator("[url:value = 'http://a.example/']"), options);
  EXPECT_EQ(out.left_out, (std::map<std::string, std::size_t>{{"already_read", 1}}));
  options.after = parse_stix_time("2026-01-01T23:59:59.999Z");
  EXPECT_EQ(map(indicator("[url:value = 'http://a.example/']"), options).lines.size(), 1u);
}

TEST(StixTime, ReadsRfc3339UtcWithAnyFraction) {
  EXPECT_EQ(format_stix_time(*parse_stix_time("2016-05-12T08:17:27Z")), "2016-05-12T08:17:27Z");
  EXPECT_EQ(format_stix_time(*parse_stix_time("2016-05-12T08:17:27.5Z")), "2016-05-12T08:17:27.500000Z");
  EXPECT_EQ(format_stix_time(*parse_stix_time("2016-05-12T08:17:27.123456789Z")), "2016-05-12T08:17:27.123456Z");
  for (const char* bad : {"", "2016-05-12 08:17:27Z", "2016-05-12T08:17:27", "2016-02-30T00:00:00Z",
                          "2016-05-12T08:17:27.Z", "2016-05-12T08:17:27+01:00", "1969-12-31T23:59:59Z",
                          "2016-05-12T24:00:00Z", "2016-05-12T08:17:27.1234567890Z"}) {
    EXPECT_EQ(parse_stix_time(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace tcfeed::connectors::taxii
