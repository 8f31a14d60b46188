#pragma once
// ThreatFox IOC → indicator candidate (docs/feeds.md). Pure: no I/O, no clock.
// One mapper serves the API's get_iocs response and the CSV exports.
//
// Mapping: ip:port → Address + attribute {"Port", port} (IPv6 appears
// unbracketed, so the port is after the LAST colon; "[v6]:port" is accepted
// too); domain → Host; url → URL; md5_hash / sha1_hash / sha256_hash → File.
// confidence_level (0–100 at the source) passes through as the confidence
// unchanged; a value outside 0–100 or not a number leaves the confidence unset.
// Tags: threat_type (e.g. botnet_cc), malware_printable (not "Unknown malware"
// / "None"), then the IOC's tags, duplicates dropped. reference (a URL) →
// attribute {"Source", reference}. malware_printable, when it names a family, is also the
// indicator's Malware group (connectors/malware_family.hpp) unless `groups` is off.
#include <bitset>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "lib/pipeline/connector/connector.hpp"

namespace tcfeed::connectors::threatfox {

enum class IocType { IpPort, Domain, Url, Md5, Sha1, Sha256, kCount };

// "ip:port", "domain", ... → the type; nullopt for a name ThreatFox does not
// document.
std::optional<IocType> parse_ioc_type(std::string_view name);

using IocTypeSet = std::bitset<static_cast<std::size_t>(IocType::kCount)>;

// One IOC, as views into the record being read.
struct ThreatfoxRecord {
  std::string_view id;
  std::string_view ioc;
  std::string_view ioc_type;
  std::string_view threat_type;
  std::string_view malware_printable;
  std::string_view confidence_level;
  std::string_view reference;
  std::vector<std::string_view> tags;
  bool complete = true;  // false: the CSV row had the wrong number of fields
};

struct ThreatfoxMapOptions {
  int min_confidence = 0;                     // rows below are counted unmapped "below min_confidence"
  IocTypeSet ioc_types = IocTypeSet().set();  // the types taken; others are counted "ioc_type not selected"
  std::int64_t after_id = 0;                  // the cursor: ids at or below were read before
  bool groups = true;                         // malware_printable → a Malware group
};

enum class Verdict { Mapped, Old, Filtered, Malformed };

struct MapResult {
  Verdict verdict = Verdict::Malformed;
  std::int64_t id = 0;  // 0 when the row has no valid id
};

class ThreatfoxMapper {
 public:
  explicit ThreatfoxMapper(ThreatfoxMapOptions options) : options_(options) {}
  MapResult map(const ThreatfoxRecord& record, pipeline::CandidateSink& sink);

 private:
  ThreatfoxMapOptions options_;
  pipeline::Candidate candidate_;  // reused, so a row costs no allocation once warm
};

// "2a02:cf40:1::5:40669" → {"2a02:cf40:1::5", "40669"}; "[::1]:80" → {"::1",
// "80"}; nullopt when there is no port of 1–5 digits or no address before it.
std::optional<std::pair<std::string_view, std::string_view>> split_ip_port(std::string_view text);

// "elf,Mozi" → {"elf", "Mozi"}, trimmed, empty and "None" entries dropped;
// appends to `out`.
void split_tag_list(std::string_view field, std::vector<std::string_view>& out);

}  // namespace tcfeed::connectors::threatfox
