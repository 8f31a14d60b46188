// The MISP event mapper, through the feed's event reader: attribute types, to_ids, tags and
// galaxies, composite values, the Event group.
#include "connectors/misp/misp_event_mapper.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "connectors/misp/misp_event_reader.hpp"
#include "lib/pipeline/source/byte_source.hpp"
#include "tests/unit/connectors_abusech/abusech_sink.hpp"

namespace tcfeed::connectors::misp {
namespace {

using testing_support::AbusechSink;

class RecordingSink final : public pipeline::CandidateSink {
 public:
  void accept(const pipeline::Candidate& candidate) override {
    lines.accept(candidate);
    std::string attack;
    for (const auto technique : candidate.attack_techniques) attack += std::string(technique) + ";";
    attacks.push_back(attack);
    benign.push_back(candidate.benign);
    if (!candidate.groups.empty()) dates.emplace_back(candidate.groups.front().date);
  }
  void unmapped(pipeline::Unmapped reason) override { lines.unmapped(reason); }
  AbusechSink lines;
  std::vector<std::string> attacks;
  std::vector<bool> benign;
  std::vector<std::string> dates;
};

std::string event(const std::string& attributes, const std::string& tags = "[]", const std::string& objects = "[]") {
  return R"({"uuid":"5f0c2a9e-1b2c-4d3e-8f40-0000000000e1","info":"Phishing wave","date":"2026-11-30",)"
         R"("timestamp":"1796000000","Tag":)" +
         tags + R"(,"Attribute":)" + attributes + R"(,"Object":)" + objects + "}";
}

std::string attribute(const std::string& type, const std::string& value, bool to_ids = true,
                      const std::string& extra = "") {
  return R"({"type":")" + type + R"(","value":")" + value + R"(","to_ids":)" + (to_ids ? "true" : "false") + extra +
         "}";
}

struct Mapping {
  std::size_t records = 0;
  RecordingSink sink;
};

void map(Mapping& run, const std::string& json, MispMapOptions options = {}) {
  pipeline::StringSource source(R"({"Event":)" + json + "}");
  MispEventMapper mapper(options);
  run.records = read_misp_event(source, mapper, run.sink, MispEventLimits{});
}

TEST(MispEventMapper, AttributeTypesMapToTheirIndicatorTypes) {
  Mapping run;
  map(run,
      event("[" + attribute("ip-src", "185.220.101.5") + "," + attribute("ip-dst", "45.142.212.0/24") + "," +
            attribute("ip-dst|port", "185.220.101.6|8443") + "," + attribute("domain", "evil.example") + "," +
            attribute("hostname|port", "c2.evil.example|443") + "," +
            attribute("domain|ip", "d.evil.example|185.220.101.7") + "," + attribute("url", "https://evil.example/a") +
            "," + attribute("md5", "b1946ac92492d2347c6235b4d2611184") + "," +
            attribute("filename|sha1", "a.exe|da39a3ee5e6b4b0d3255bfef95601890afd80709") + "," +
            attribute("email-dst", "x@evil.example") + "," + attribute("email-subject", "Invoice") + "," +
            attribute("AS", "AS64496") + "," + attribute("mutex", "Global\\\\M") + "," +
            attribute("regkey|value", "HKLM\\\\Mapping|x.exe") + "," + attribute("user-agent", "UA/1") + "," +
            attribute("text", "note") + "," + attribute("vulnerability", "CVE-2024-1") + "]"));
  EXPECT_EQ(run.records, 17u);
  EXPECT_EQ(
      run.sink.lines.lines,
      (std::vector<std::string>{
          "Address\t185.220.101.5\t\t-\t", "CIDR\t45.142.212.0/24\t\t-\t", "Address\t185.220.101.6\t\t-\tPort=8443",
          "Host\tevil.example\t\t-\t", "Host\tc2.evil.example\t\t-\tPort=443", "Host\td.evil.example\t\t-\t",
          "Address\t185.220.101.7\t\t-\t", "URL\thttps://evil.example/a\t\t-\t",
          "File\tb1946ac92492d2347c6235b4d2611184\t\t-\t", "File\tda39a3ee5e6b4b0d3255bfef95601890afd80709\t\t-\t",
          "EmailAddress\tx@evil.example\t\t-\t", "Email Subject\tInvoice\t\t-\t", "ASN\tAS64496\t\t-\t",
          "Mutex\tGlobal\\M\t\t-\t", "Registry Key\tHKLM\\Mapping\t\t-\t", "User Agent\tUA/1\t\t-\t",
          "unmapped\tunmapped_type", "unmapped\tunmapped_type"}));
}

TEST(MispEventMapper, EveryIndicatorIsAssociatedWithTheEventGroup) {
  Mapping run;
  map(run, event("[" + attribute("domain", "evil.example") + "]", "[]",
                 R"([{"name":"file","Attribute":[)" + attribute("sha256", std::string(64, 'a')) + "]}]"));
  EXPECT_EQ(run.sink.lines.groups,
            (std::vector<std::string>{"Event:Phishing wave:5f0c2a9e-1b2c-4d3e-8f40-0000000000e1",
                                      "Event:Phishing wave:5f0c2a9e-1b2c-4d3e-8f40-0000000000e1"}));
  EXPECT_EQ(run.sink.dates, (std::vector<std::string>{"2026-11-30T00:00:00Z", "2026-11-30T00:00:00Z"}));
  Mapping off;
  MispMapOptions options;
  options.groups = false;
  map(off, event("[" + attribute("domain", "evil.example") + "]"), options);
  EXPECT_EQ(off.sink.lines.groups, (std::vector<std::string>{""}));
}

TEST(MispEventMapper, ToIdsFalseIsBenignUnlessToIdsOnlyIsOff) {
  const std::string json =
      event("[" + attribute("domain", "cdn.example", false) + "," + attribute("domain", "evil.example", true) + "]");
  Mapping run;
  map(run, json);
  EXPECT_EQ(run.sink.benign, (std::vector<bool>{true, false}));
  Mapping all;
  MispMapOptions options;
  options.to_ids_only = false;
  map(all, json, options);
  EXPECT_EQ(all.sink.benign, (std::vector<bool>{false, false}));
}

TEST(MispEventMapper, GalaxyAttackTagsBecomeTechniquesAndMachineTagsNeverTags) {
  Mapping run;
  map(run,
      event(
          "[" +
              attribute(
                  "domain", "evil.example", true,
                  R"(,"Tag":[{"name":"credential-theft"},{"name":"osint:source-type=\"blog-post\""},)"
                  R"({"name":"misp-galaxy:mitre-enterprise-attack-attack-pattern=\"Spearphishing Link - T1192\""}])") +
              "]",
          R"([{"name":"tlp:white"},{"name":"phishing"},{"name":"misp-galaxy:mitre-attack-pattern=\"Phishing - T1566\""},)"
          R"({"name":"misp-galaxy:threat-actor=\"APT28\""},{"name":"Campaign: Winter"}])"));
  EXPECT_EQ(run.sink.lines.lines,
            (std::vector<std::string>{"Host\tevil.example\tphishing|Campaign: Winter|credential-theft\t-\t"}));
  EXPECT_EQ(run.sink.attacks, (std::vector<std::string>{"Phishing - T1566;Spearphishing Link - T1192;"}));
}

TEST(MispEventMapper, DeletedMissingAndMalformedAttributesAreCounted) {
  Mapping run;
  map(run, event("[" + attribute("domain", "gone.example", true, R"(,"deleted":true)") + "," + attribute("domain", "") +
                     R"(,{"value":"x"},"not an object"])",
                 "[]", R"([{"deleted":true,"Attribute":[)" + attribute("domain", "skipped.example") + "]}]"));
  EXPECT_EQ(run.sink.lines.lines, (std::vector<std::string>{"unmapped\trevoked", "unmapped\tmissing_value",
                                                            "unmapped\tmalformed_row", "unmapped\tmalformed_row"}));
  EXPECT_EQ(run.records, 4u);
}

TEST(MispEventMapper, MachineTagsAndGalaxyValues) {
  EXPECT_TRUE(is_machine_tag("tlp:white"));
  EXPECT_TRUE(is_machine_tag("misp-galaxy:threat-actor=\"APT28\""));
  EXPECT_FALSE(is_machine_tag("Campaign: Winter"));
  EXPECT_FALSE(is_machine_tag("phishing"));
  EXPECT_EQ(attack_galaxy_value("misp-galaxy:mitre-attack-pattern=\"Phishing - T1566\""), "Phishing - T1566");
  EXPECT_EQ(attack_galaxy_value("misp-galaxy:mitre-malware=\"X\""), std::nullopt);
  EXPECT_EQ(attack_galaxy_value("misp-galaxy:mitre-attack-pattern"), std::nullopt);
}

}  // namespace
}  // namespace tcfeed::connectors::misp
