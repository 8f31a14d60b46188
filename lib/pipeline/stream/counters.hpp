#pragma once
// What happened to the records of one connector run, counted per reason so nothing is dropped
// without a trace.
#include <cstddef>
#include <map>
#include <string>

#include "lib/pipeline/connector/unmapped.hpp"

namespace tcfeed::pipeline {

struct RunCounters {
  std::size_t records = 0;                   // read from the source
  std::size_t records_mapped = 0;            // records that yielded at least one candidate
  std::size_t candidates = 0;                // indicator candidates the records yielded
  std::map<Unmapped, std::size_t> unmapped;  // records the connector could not map, per reason
  // Keyed by reason code (reasons.hpp, docs/reasons.md), never by a sentence: the codes are metric labels.
  std::map<std::string, std::size_t> rejected;       // candidates that failed normalization: reject_id, too_large…
  std::map<std::string, std::size_t> dropped;        // by policy: "benign", "allowlist:<list>", "warninglist:<id>"
  std::map<std::string, std::size_t> warninglisted;  // sent tagged, on a tag-only warninglist, per list id
  std::map<std::string, std::size_t> tags_dropped;   // a source's tags cleaning refused, per reject_id (per indicator)
  std::size_t tags_cut = 0;        // a source's tags longer than the platform takes, sent cut (per indicator)
  std::size_t clamped = 0;         // a source rating/confidence out of range, sent clamped
  std::size_t attack_unknown = 0;  // ATT&CK ids no catalog knows: dropped, never invented
  std::size_t duplicates = 0;      // repeated within this run
  std::size_t unchanged = 0;       // delivered as they are now within delivery.refresh
  std::size_t indicators = 0;      // ready to send
  std::size_t jobs = 0;            // upload documents
  std::size_t groups = 0;          // group items written: a group once in each job that carries it
  std::size_t associations = 0;    // association[] entries written (ends mapped in different polls)
  std::size_t expired = 0;         // not mentioned for expire_after: sent deactivated
};

// The run's books (docs/architecture.md, Stream): every record read is mapped (it yielded
// candidates), unmapped or skipped, each with its reason; every candidate ends queued, unchanged,
// a duplicate, rejected or dropped. `unaccounted_*` is what the two sums miss: 0 unless a stage
// lost something without a count, which the run log then says loudly.
struct RunBalance {
  std::size_t unmapped = 0;  // could not be mapped (malformed, missing a field…)
  std::size_t skipped = 0;   // left out by configuration or cursor (offline, already read…)
  std::size_t rejected = 0;
  std::size_t dropped = 0;
  std::ptrdiff_t unaccounted_records = 0;
  std::ptrdiff_t unaccounted_candidates = 0;
};

RunBalance balance(const RunCounters& counters);

}  // namespace tcfeed::pipeline
