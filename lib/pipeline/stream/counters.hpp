#pragma once
// What happened to the records of one connector run, counted per reason so nothing is dropped
// without a trace.
#include <cstddef>
#include <map>
#include <string>

#include "lib/pipeline/connector/unmapped.hpp"

namespace tcfeed::pipeline {

struct RunCounters {
  std::size_t records = 0;                           // read from the source
  std::size_t candidates = 0;                        // indicator candidates the records yielded
  std::map<Unmapped, std::size_t> unmapped;          // records the connector could not map, per reason
  std::map<std::string, std::size_t> rejected;       // candidates that failed normalization, per reason
  std::map<std::string, std::size_t> dropped;        // by policy: "benign", "allowlist:<list>", "warninglist:<id>"
  std::map<std::string, std::size_t> warninglisted;  // sent tagged, on a tag-only warninglist, per list id
  std::map<std::string, std::size_t> tags_dropped;   // a source's tags cleaning refused, per reason (per indicator)
  std::size_t tags_cut = 0;        // a source's tags longer than the platform takes, sent cut (per indicator)
  std::size_t clamped = 0;         // a source rating/confidence out of range, sent clamped
  std::size_t attack_unknown = 0;  // ATT&CK ids no catalog knows: dropped, never invented
  std::size_t duplicates = 0;      // repeated within this run
  std::size_t unchanged = 0;       // delivered as they are now within delivery.refresh
  std::size_t indicators = 0;      // ready to send
  std::size_t jobs = 0;            // upload documents
  std::size_t expired = 0;         // not mentioned for expire_after: sent deactivated
};

}  // namespace tcfeed::pipeline
