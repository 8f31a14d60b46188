#pragma once
// Feodo Tracker blocklist entry → indicator candidate (docs/feeds.md). Pure: no
// I/O, no clock. One mapper serves ipblocklist.json and ipblocklist.csv.
//
// Mapping: the C2's IP → Address with attributes {"Port", port} and {"Source",
// kFeodoSource}; malware (e.g. "Dridex") → tag; status → active (offline: false). The source gives no rating or
// confidence: those come from the connector's config (docs/threatconnect.md, Rating and confidence).
#include <string_view>

#include "lib/pipeline/connector/connector.hpp"

namespace tcfeed::connectors::feodo {

inline constexpr std::string_view kFeodoSource = "https://feodotracker.abuse.ch/";

// One entry, as views into the record being read.
struct FeodoRecord {
  std::string_view ip;
  std::string_view port;
  std::string_view status;  // online | offline
  std::string_view malware;
  bool complete = true;  // false: the CSV row had the wrong number of fields
};

struct FeodoMapOptions {
  bool include_offline = true;  // false: entries whose status is offline are counted "offline"
};

enum class Verdict { Mapped, Offline, Malformed };

class FeodoMapper {
 public:
  explicit FeodoMapper(FeodoMapOptions options) : options_(options) {}
  Verdict map(const FeodoRecord& record, pipeline::CandidateSink& sink);

 private:
  FeodoMapOptions options_;
  pipeline::Candidate candidate_;  // reused, so an entry costs no allocation once warm
};

}  // namespace tcfeed::connectors::feodo
