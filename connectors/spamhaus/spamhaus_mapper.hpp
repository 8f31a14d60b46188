#pragma once
// Spamhaus DROP / DROPv6 / ASN-DROP entry → indicator candidate (docs/feeds.md, Spamhaus DROP).
// Pure: no I/O, no clock. One mapper serves the JSON-lines files and the older text files.
//
// Mapping: a network → CIDR (a /32 or /128 too: a DROP entry is a network, and the CIDR type keeps
// it one); an AS number → ASN. An SBL id becomes the Source attribute, the address of its record
// (kSblQuery + id); an entry without one (ASN-DROP) gets kDropSource. The lists give no rating,
// confidence or tags: those come from the connector's config (docs/threatconnect.md, Rating and
// confidence).
#include <string>
#include <string_view>

#include "lib/pipeline/connector/connector.hpp"

namespace tcfeed::connectors::spamhaus {

inline constexpr std::string_view kSblQuery = "https://check.spamhaus.org/sbl/query/";
inline constexpr std::string_view kDropSource = "https://www.spamhaus.org/drop/";

// One entry, as views into the line being read. Exactly one of cidr and asn is set.
struct SpamhausRecord {
  std::string_view cidr;   // "192.0.2.0/24", "2001:db8::/32"
  std::string_view asn;    // "AS64496" (text) or "64496" (JSON)
  std::string_view sblid;  // "SBL123456"; empty for ASN-DROP
};

enum class Verdict { Mapped, Malformed };

class SpamhausMapper {
 public:
  // The options are the readers' common shape; DROP has none.
  struct Options {};
  explicit SpamhausMapper(Options = {}) {}
  // A network without a '/', an AS that is not "AS" and digits, or neither: Malformed (a line that is
  // not what the list's format says, so the list is incomplete and nothing is removed this poll).
  // Whether the network's numbers are valid is normalization's to decide.
  Verdict map(const SpamhausRecord& record, pipeline::CandidateSink& sink);

 private:
  pipeline::Candidate candidate_;  // reused, so an entry costs no allocation once warm
  std::string source_;             // the SBL record's address, while the candidate is accepted
};

// "SBL" and 1-12 digits: an id that is safe to put in the record's address.
bool is_sbl_id(std::string_view text);

}  // namespace tcfeed::connectors::spamhaus
