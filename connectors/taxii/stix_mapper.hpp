#pragma once
// One STIX 2.1 object → indicator candidates (docs/feeds.md, TAXII 2.1 and STIX 2.1). Pure: no
// I/O; the time comes in as an option.
//
// Only `indicator` objects are read; any other type is counted skipped (`not_indicator`). With
// `groups` on, the objects reader hands group objects and relationships to stix_groups.hpp instead.
// - pattern: read by stix_pattern.hpp when pattern_type is "stix" (a STIX 2.0 indicator, which has
//   no pattern_type, is always one); each value it yields is a candidate; a pattern tcfeed does not
//   map is counted with the reason, never guessed. Another pattern_type: `pattern_not_stix`.
// - revoked: true → skipped (`revoked`); valid_until at or before now → skipped (`expired`).
// - confidence (0–100) → confidence as is; out of range or not an integer → none.
// - labels → tags; indicator_types containing "benign" → the source's benign verdict.
// - kill_chain_phases of the "mitre-attack" chain → the ATT&CK tactic when there is exactly one;
//   external_references whose source_name is "mitre-attack" → technique references (external_id,
//   e.g. T1566): the stream makes the ATT&CK tags of both, names from the catalog.
// - modified (else created): returned, for a bundle file's backfill and cursor.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <simdjson.h>

#include "connectors/taxii/stix_pattern.hpp"
#include "connectors/taxii/stix_time.hpp"
#include "lib/pipeline/connector/connector.hpp"

namespace tcfeed::connectors::taxii {

struct StixMapOptions {
  StixTime now{};
  // A bundle file has no server to filter it: objects modified before `not_before` (a first poll's
  // backfill) or at or before `after` (the cursor) are skipped.
  std::optional<StixTime> not_before;
  std::optional<StixTime> after;
  PatternLimits pattern_limits;
  std::size_t max_tags = 64;        // labels beyond are not read
  std::size_t max_techniques = 32;  // ATT&CK references beyond are not read
};

enum class StixVerdict { Mapped, Skipped, Unmapped };

struct StixMapResult {
  StixVerdict verdict = StixVerdict::Unmapped;
  std::optional<StixTime> modified;  // the object's modified (else created), when it parses
};

class StixMapper {
 public:
  explicit StixMapper(StixMapOptions options) : options_(std::move(options)) {}
  StixMapResult map(simdjson::dom::element object, pipeline::CandidateSink& sink);

 private:
  StixMapOptions options_;
  pipeline::Candidate candidate_;  // reused
};

}  // namespace tcfeed::connectors::taxii
