#include "lib/telemetry/run_log.hpp"

#include <spdlog/spdlog.h>

#include "lib/core/counted.hpp"
#include "lib/core/log_fields.hpp"
#include "lib/pipeline/stream/reasons.hpp"

namespace tcfeed::telemetry {

void log_poll(const pipeline::ConnectorOutcome& outcome, std::string_view one, std::string_view many) {
  const auto& c = outcome.counters;
  // The JSON log's fields (lib/core/log_fields.hpp): every line of the poll names its connector
  // and owner, each reason line its code and count, the summary its counts.
  const LogFields poll{{"connector", outcome.name}, {"owner", outcome.owner}};
  if (!outcome.error.empty()) {
    spdlog::error("connector {}: {}", outcome.name, outcome.error);
    return;
  }
  if (outcome.not_modified) {
    if (c.expired > 0) {
      spdlog::info("connector {}: source not modified since the last run; {} expired", outcome.name,
                   counted(c.expired, "entry", "entries"));
    } else {
      spdlog::info("connector {}: source not modified since the last run; nothing to do", outcome.name);
    }
    return;
  }
  std::size_t rejected = 0;
  for (const auto& [reason, count] : c.rejected) {
    rejected += count;
    const LogFields fields{{"outcome", "rejected"}, {"reason", reason}, {"count", count}};
    spdlog::info("connector {}: {} rejected: {} ({})", outcome.name, count, pipeline::rejected_text(reason), reason);
  }
  for (const auto& [reason, count] : c.unmapped) {
    const LogFields fields{{"outcome", pipeline::unmapped_skip(reason) ? "skipped" : "unmapped"},
                           {"reason", pipeline::unmapped_code(reason)},
                           {"count", count}};
    // A record the format could not read is a loss the operator should see, not a choice.
    spdlog::log(pipeline::unmapped_unread(reason) ? spdlog::level::warn : spdlog::level::info,
                "connector {}: {} {}: {} ({})", outcome.name, counted(count, "record", "records"),
                pipeline::unmapped_skip(reason) ? "skipped" : "unmapped", pipeline::unmapped_text(reason),
                pipeline::unmapped_code(reason));
  }
  for (const auto& [reason, count] : c.tags_dropped) {
    const LogFields fields{{"outcome", "tag_dropped"}, {"reason", reason}, {"count", count}};
    spdlog::info("connector {}: {} dropped: {} ({})", outcome.name, counted(count, "tag", "tags"),
                 pipeline::rejected_text(reason), reason);
  }
  if (c.tags_cut > 0) {
    spdlog::info("connector {}: {} cut to 128 bytes", outcome.name, counted(c.tags_cut, "tag", "tags"));
  }
  std::size_t dropped = 0;
  for (const auto& [reason, count] : c.dropped) {
    dropped += count;
    const LogFields fields{{"outcome", "dropped"}, {"reason", reason}, {"count", count}};
    spdlog::info("connector {}: {} dropped by policy: {}", outcome.name, count, reason);
  }
  for (const auto& [list, count] : c.warninglisted) {
    const LogFields fields{{"outcome", "warninglisted"}, {"list", list}, {"count", count}};
    spdlog::info("connector {}: {} on warninglist '{}', sent with its tag", outcome.name, count, list);
  }
  if (c.clamped > 0)
    spdlog::info("connector {}: {} out of range, sent clamped", outcome.name,
                 counted(c.clamped, "rating or confidence", "ratings or confidences"));
  if (c.attack_unknown > 0) {
    spdlog::warn(
        "connector {}: {} unknown to the catalog {} dropped "
        "(threatconnect.attack_bundle gives the names offline)",
        outcome.name, counted(c.attack_unknown, "ATT&CK technique id", "ATT&CK technique ids"),
        c.attack_unknown == 1 ? "was" : "were");
  }
  // The candidates' fates first (what reaches the platform), then the records' (docs/architecture.md,
  // Stream): each sum adds up to its total unless something was lost uncounted.
  const auto books = pipeline::balance(c);
  const LogFields summary{{"records", c.records},     {"indicators", c.indicators}, {"rejected", rejected},
                          {"dropped", dropped},       {"duplicates", c.duplicates}, {"unchanged", c.unchanged},
                          {"expired", c.expired},     {"mapped", c.records_mapped}, {"unmapped", books.unmapped},
                          {"skipped", books.skipped}, {"documents", c.jobs}};
  spdlog::info(
      "connector {}: {}, {}, {} rejected, {} dropped, {}, {} unchanged, {} expired; records: {} mapped, {} unmapped, "
      "{} skipped; {} {} for owner '{}'",
      outcome.name, counted(c.records, "record", "records"), counted(c.indicators, "indicator", "indicators"), rejected,
      dropped, counted(c.duplicates, "duplicate", "duplicates"), c.unchanged, c.expired, c.records_mapped,
      books.unmapped, books.skipped, c.jobs, c.jobs == 1 ? one : many, outcome.owner);
  if (books.unaccounted_records != 0 || books.unaccounted_candidates != 0) {
    spdlog::error(
        "connector {}: the counts do not add up ({} records and {} candidates unaccounted for): a stage lost or "
        "double-counted something; please report it",
        outcome.name, books.unaccounted_records, books.unaccounted_candidates);
  }
  if (c.records == 0) spdlog::warn("connector {}: the source had no records at all", outcome.name);
}

void log_delivery(const pipeline::OwnerOutcome& outcome) {
  const LogFields fields{{"owner", outcome.owner},
                         {"delivered", static_cast<std::int64_t>(outcome.delivered)},
                         {"platform_rejected", static_cast<std::int64_t>(outcome.rejected)},
                         {"undelivered", static_cast<std::int64_t>(outcome.pending_indicators)},
                         {"jobs", static_cast<std::int64_t>(outcome.jobs)},
                         {"pending_batches", static_cast<std::int64_t>(outcome.pending_batches)}};
  if (!outcome.error.empty()) spdlog::error("owner '{}': {}", outcome.owner, outcome.error);
  spdlog::info("owner '{}': {} delivered, {} rejected by the platform, {} undelivered in {}; {} left in the outbox",
               outcome.owner, outcome.delivered, outcome.rejected, outcome.pending_indicators,
               counted(outcome.jobs, "job", "jobs"), counted(outcome.pending_batches, "batch", "batches"));
}

}  // namespace tcfeed::telemetry
