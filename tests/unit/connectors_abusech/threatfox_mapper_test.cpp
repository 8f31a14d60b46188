#include "connectors/threatfox/threatfox_mapper.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/unit/connectors_abusech/abusech_sink.hpp"

namespace tcfeed::connectors::threatfox {
namespace {

using testing_support::AbusechSink;

ThreatfoxRecord row(std::string_view id, std::string_view ioc, std::string_view type,
                    std::string_view confidence = "50") {
  ThreatfoxRecord record;
  record.id = id;
  record.ioc = ioc;
  record.ioc_type = type;
  record.threat_type = "botnet_cc";
  record.malware_printable = "Mozi";
  record.confidence_level = confidence;
  return record;
}

TEST(ThreatfoxMapper, SplitIpPortOnTheLastColon) {
  using Split = std::pair<std::string_view, std::string_view>;
  EXPECT_EQ(split_ip_port("1.2.3.4:80"), (Split{"1.2.3.4", "80"}));
  EXPECT_EQ(split_ip_port("2a02:cf40:1::5:40669"), (Split{"2a02:cf40:1::5", "40669"}));
  EXPECT_EQ(split_ip_port("[2001:db8::1]:8080"), (Split{"2001:db8::1", "8080"}));
  EXPECT_EQ(split_ip_port(" ::1:443 "), (Split{"::1", "443"}));
  EXPECT_FALSE(split_ip_port("1.2.3.4"));
  EXPECT_FALSE(split_ip_port("1.2.3.4:"));
  EXPECT_FALSE(split_ip_port(":80"));
  EXPECT_FALSE(split_ip_port("[]:80"));
  EXPECT_FALSE(split_ip_port("[::1:80"));
  EXPECT_FALSE(split_ip_port("1.2.3.4:123456"));
  EXPECT_FALSE(split_ip_port("1.2.3.4:8a"));
}

TEST(ThreatfoxMapper, TypesConfidenceTagsAndAttributes) {
  AbusechSink sink;
  ThreatfoxMapper mapper({});
  auto ip = row("7", "2a02:cf40:1::5:40669", "ip:port", "75");
  ip.reference = "https://example.org/report";
  ip.tags = {"mozi", "elf", "None", " "};
  EXPECT_EQ(mapper.map(ip, sink).verdict, Verdict::Mapped);
  mapper.map(row("8", "e.example", "domain", "101"),
             sink);  // out of range: no confidence
  mapper.map(row("9", "d41d8cd98f00b204e9800998ecf8427e", "md5_hash", "n/a"), sink);
  EXPECT_EQ(sink.lines, (std::vector<std::string>{
                            "Address\t2a02:cf40:1::5\tbotnet_cc|Mozi|elf\t75\tPort=40669;"
                            "Source=https://example.org/report",
                            "Host\te.example\tbotnet_cc|Mozi\t-\t",
                            "File\td41d8cd98f00b204e9800998ecf8427e\tbotnet_cc|Mozi\t-\t",
                        }));
}

TEST(ThreatfoxMapper, MinConfidence) {
  ThreatfoxMapOptions options;
  options.min_confidence = 50;
  ThreatfoxMapper mapper(options);
  AbusechSink sink;
  EXPECT_EQ(mapper.map(row("1", "a.example", "domain", "49"), sink).verdict, Verdict::Filtered);
  EXPECT_EQ(mapper.map(row("2", "b.example", "domain", ""), sink).verdict, Verdict::Filtered);
  EXPECT_EQ(mapper.map(row("3", "c.example", "domain", "50"), sink).verdict, Verdict::Mapped);
  EXPECT_EQ(sink.lines, (std::vector<std::string>{"unmapped\tbelow_min_confidence", "unmapped\tbelow_min_confidence",
                                                  "Host\tc.example\tbotnet_cc|Mozi\t50\t"}));
}

TEST(ThreatfoxMapper, IocTypesAndCursor) {
  ThreatfoxMapOptions options;
  options.ioc_types.reset().set(static_cast<std::size_t>(IocType::Url));
  options.after_id = 10;
  ThreatfoxMapper mapper(options);
  AbusechSink sink;
  EXPECT_EQ(mapper.map(row("10", "http://old/", "url"), sink).verdict, Verdict::Old);
  const MapResult filtered = mapper.map(row("11", "a.example", "domain"), sink);
  EXPECT_EQ(filtered.verdict, Verdict::Filtered);
  EXPECT_EQ(filtered.id, 11);
  EXPECT_EQ(mapper.map(row("12", "http://new/", "url"), sink).verdict, Verdict::Mapped);
  EXPECT_EQ(sink.lines,
            (std::vector<std::string>{"unmapped\tioc_type_not_selected", "URL\thttp://new/\tbotnet_cc|Mozi\t50\t"}));
}

TEST(ThreatfoxMapper, MalformedRows) {
  ThreatfoxMapper mapper({});
  AbusechSink sink;
  EXPECT_EQ(mapper.map(row("x", "a.example", "domain"), sink).verdict, Verdict::Malformed);
  EXPECT_EQ(mapper.map(row("1", " ", "domain"), sink).verdict, Verdict::Malformed);
  EXPECT_EQ(mapper.map(row("2", "a.example", "hostname"), sink).verdict, Verdict::Malformed);
  EXPECT_EQ(mapper.map(row("3", "1.2.3.4", "ip:port"), sink).verdict, Verdict::Malformed);
  EXPECT_EQ(sink.lines, (std::vector<std::string>{"unmapped\tmalformed_row", "unmapped\tmalformed_row",
                                                  "unmapped\tunknown_ioc_type", "unmapped\tmalformed_ip_port"}));
}

TEST(ThreatfoxMapper, UnknownMalwareIsNoTag) {
  ThreatfoxMapper mapper({});
  AbusechSink sink;
  auto record = row("1", "a.example", "domain");
  record.malware_printable = "Unknown malware";
  record.threat_type = "None";
  mapper.map(record, sink);
  EXPECT_EQ(sink.lines, (std::vector<std::string>{"Host\ta.example\t\t50\t"}));
}

TEST(ThreatfoxMapper, ParseIocType) {
  EXPECT_EQ(parse_ioc_type("ip:port"), IocType::IpPort);
  EXPECT_EQ(parse_ioc_type("sha256_hash"), IocType::Sha256);
  EXPECT_FALSE(parse_ioc_type("IP:PORT"));
  EXPECT_FALSE(parse_ioc_type("ip"));
}

TEST(ThreatfoxMapper, TheMalwareFamilyIsAMalwareGroup) {
  AbusechSink sink;
  ThreatfoxMapper mapper({});
  mapper.map(row("1", "a.example", "domain"), sink);
  auto unknown = row("2", "b.example", "domain");
  unknown.malware_printable = "Unknown malware";
  mapper.map(unknown, sink);
  auto lower = row("3", "c.example", "domain");
  lower.malware_printable = "unknown";
  mapper.map(lower, sink);
  auto empty = row("4", "d.example", "domain");
  empty.malware_printable = " ";
  mapper.map(empty, sink);
  auto spaced = row("5", "e.example", "domain");
  spaced.malware_printable = " Cobalt Strike ";
  mapper.map(spaced, sink);
  EXPECT_EQ(sink.groups,
            (std::vector<std::string>{"Malware:Mozi:Mozi", "", "", "", "Malware:Cobalt Strike:Cobalt Strike"}));
}

TEST(ThreatfoxMapper, GroupsOffSendsNone) {
  AbusechSink sink;
  ThreatfoxMapOptions options;
  options.groups = false;
  ThreatfoxMapper mapper(options);
  mapper.map(row("1", "a.example", "domain"), sink);
  EXPECT_EQ(sink.groups, std::vector<std::string>{""});
  EXPECT_EQ(sink.lines, std::vector<std::string>{"Host\ta.example\tbotnet_cc|Mozi\t50\t"});  // the tag stays
}

}  // namespace
}  // namespace tcfeed::connectors::threatfox
