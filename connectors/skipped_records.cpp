#include "connectors/skipped_records.hpp"

namespace tcfeed::connectors {
namespace {

std::size_t report(std::size_t count, pipeline::Unmapped reason, pipeline::CandidateSink& sink) {
  for (std::size_t i = 0; i < count; ++i) sink.unmapped(reason);
  return count;
}

}  // namespace

std::size_t report_skipped(const pipeline::CsvStats& stats, pipeline::CandidateSink& sink) {
  return report(stats.oversized, pipeline::Unmapped::Oversized, sink) +
         report(stats.broken, pipeline::Unmapped::BrokenQuote, sink);
}

std::size_t report_skipped(const pipeline::JsonStats& stats, pipeline::CandidateSink& sink) {
  return report(stats.oversized, pipeline::Unmapped::Oversized, sink) +
         report(stats.too_deep, pipeline::Unmapped::TooDeep, sink) +
         report(stats.malformed, pipeline::Unmapped::Malformed, sink);
}

}  // namespace tcfeed::connectors
