#include "lib/pipeline/stream/counters.hpp"

namespace tcfeed::pipeline {

RunBalance balance(const RunCounters& c) {
  RunBalance b;
  for (const auto& [reason, count] : c.unmapped) (unmapped_skip(reason) ? b.skipped : b.unmapped) += count;
  for (const auto& [reason, count] : c.rejected) b.rejected += count;
  for (const auto& [reason, count] : c.dropped) b.dropped += count;
  const auto signed_size = [](std::size_t n) { return static_cast<std::ptrdiff_t>(n); };
  b.unaccounted_records = signed_size(c.records) - signed_size(c.records_mapped + b.unmapped + b.skipped);
  b.unaccounted_candidates =
      signed_size(c.candidates) - signed_size(c.indicators + c.unchanged + c.duplicates + b.rejected + b.dropped);
  return b;
}

}  // namespace tcfeed::pipeline
