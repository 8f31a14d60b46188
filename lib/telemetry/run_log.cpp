#include "lib/telemetry/run_log.hpp"

#include <spdlog/spdlog.h>

namespace tcfeed::telemetry {

void log_poll(const pipeline::ConnectorOutcome& outcome, std::string_view documents) {
  const auto& c = outcome.counters;
  if (!outcome.error.empty()) {
    spdlog::error("connector {}: {}", outcome.name, outcome.error);
    return;
  }
  if (outcome.not_modified) {
    if (c.expired > 0) {
      spdlog::info("connector {}: source not modified since the last run; {} entries expired", outcome.name, c.expired);
    } else {
      spdlog::info("connector {}: source not modified since the last run; nothing to do", outcome.name);
    }
    return;
  }
  std::size_t rejected = 0;
  for (const auto& [reason, count] : c.rejected) {
    rejected += count;
    spdlog::info("connector {}: {} rejected: {}", outcome.name, count, reason);
  }
  for (const auto& [reason, count] : c.unmapped) {
    // A record the format could not read is a loss the operator should see, not a choice.
    spdlog::log(pipeline::unmapped_unread(reason) ? spdlog::level::warn : spdlog::level::info,
                "connector {}: {} records {}: {}", outcome.name, count,
                pipeline::unmapped_skip(reason) ? "skipped" : "unmapped", pipeline::unmapped_text(reason));
  }
  for (const auto& [reason, count] : c.tags_dropped) {
    spdlog::info("connector {}: {} tags dropped: {}", outcome.name, count, reason);
  }
  if (c.tags_cut > 0) spdlog::info("connector {}: {} tags cut to 128 bytes", outcome.name, c.tags_cut);
  std::size_t dropped = 0;
  for (const auto& [reason, count] : c.dropped) {
    dropped += count;
    spdlog::info("connector {}: {} dropped by policy: {}", outcome.name, count, reason);
  }
  for (const auto& [list, count] : c.warninglisted) {
    spdlog::info("connector {}: {} on warninglist '{}', sent with its tag", outcome.name, count, list);
  }
  if (c.clamped > 0)
    spdlog::info("connector {}: {} ratings or confidences out of range, sent clamped", outcome.name, c.clamped);
  if (c.attack_unknown > 0) {
    spdlog::warn(
        "connector {}: {} ATT&CK technique ids unknown to the catalog were dropped "
        "(threatconnect.attack_bundle gives the names offline)",
        outcome.name, c.attack_unknown);
  }
  // The candidates' fates first (what reaches the platform), then the records' (docs/architecture.md,
  // Stream): each sum adds up to its total unless something was lost uncounted.
  const auto books = pipeline::balance(c);
  spdlog::info(
      "connector {}: {} records, {} indicators, {} rejected, {} dropped, {} duplicates, {} unchanged, {} "
      "expired; records: {} mapped, {} unmapped, {} skipped; {} {} for owner '{}'",
      outcome.name, c.records, c.indicators, rejected, dropped, c.duplicates, c.unchanged, c.expired, c.records_mapped,
      books.unmapped, books.skipped, c.jobs, documents, outcome.owner);
  if (books.unaccounted_records != 0 || books.unaccounted_candidates != 0) {
    spdlog::error(
        "connector {}: the counts do not add up ({} records and {} candidates unaccounted for): a stage lost or "
        "double-counted something; please report it",
        outcome.name, books.unaccounted_records, books.unaccounted_candidates);
  }
  if (c.records == 0) spdlog::warn("connector {}: the source had no records at all", outcome.name);
}

void log_delivery(const pipeline::OwnerOutcome& outcome) {
  if (!outcome.error.empty()) spdlog::error("owner '{}': {}", outcome.owner, outcome.error);
  spdlog::info(
      "owner '{}': {} delivered, {} rejected by the platform, {} undelivered in {} jobs; {} batches left in "
      "the outbox",
      outcome.owner, outcome.delivered, outcome.rejected, outcome.pending_indicators, outcome.jobs,
      outcome.pending_batches);
}

}  // namespace tcfeed::telemetry
