#include "lib/telemetry/telemetry_events.hpp"

#include <spdlog/spdlog.h>

#include "lib/core/unix_time.hpp"
#include "lib/telemetry/run_log.hpp"

namespace tcfeed::telemetry {

namespace {

constexpr std::string_view kIntervalName = "tcfeed_connector_interval_seconds";
constexpr std::string_view kIntervalHelp = "Each connector's schedule.every (without jitter or backoff)";
constexpr std::string_view kLastSuccessName = "tcfeed_last_success_timestamp_seconds";
constexpr std::string_view kLastSuccessHelp = "When each connector last polled successfully";

}  // namespace

void TelemetryEvents::connectors_scheduled(
    const std::vector<std::pair<std::string, std::chrono::seconds>>& connectors) {
  std::set<std::string, std::less<>> now_scheduled;
  for (const auto& [name, every] : connectors) {
    now_scheduled.insert(name);
    metrics_.gauge(kIntervalName, kIntervalHelp, {{"connector", name}}).set(static_cast<double>(every.count()));
  }
  const std::lock_guard lock(mutex_);
  for (const auto& name : scheduled_) {
    if (now_scheduled.contains(name)) continue;
    metrics_.remove_gauge(kIntervalName, {{"connector", name}});
    metrics_.remove_gauge(kLastSuccessName, {{"connector", name}});
  }
  scheduled_ = std::move(now_scheduled);
}

void TelemetryEvents::poll_finished(const pipeline::ConnectorOutcome& outcome) {
  log_poll(outcome, "batch queued", "batches queued");
  const telemetry::Labels connector{{"connector", outcome.name}};
  const char* result = !outcome.error.empty() ? "failed" : outcome.not_modified ? "not_modified" : "ok";
  metrics_
      .counter("tcfeed_polls_total", "Polls of each connector, by result",
               {{"connector", outcome.name}, {"result", result}})
      .add();
  if (!outcome.error.empty()) return;
  const auto& c = outcome.counters;
  metrics_.counter("tcfeed_records_total", "Records read from each connector's source", connector).add(c.records);
  metrics_.counter("tcfeed_indicators_queued_total", "Indicators queued in the outbox", connector).add(c.indicators);
  metrics_.counter("tcfeed_duplicates_total", "Indicators skipped as repeated within a poll", connector)
      .add(c.duplicates);
  metrics_
      .counter("tcfeed_unchanged_total", "Indicators skipped as delivered unchanged within delivery.refresh", connector)
      .add(c.unchanged);
  metrics_
      .counter("tcfeed_expired_total",
               "Indicators an incremental feed stopped mentioning for expire_after, sent deactivated", connector)
      .add(c.expired);
  for (const auto& [reason, count] : c.dropped) {
    metrics_
        .counter("tcfeed_dropped_total", "Indicators dropped by policy, by reason",
                 {{"connector", outcome.name}, {"reason", reason}})
        .add(count);
  }
  for (const auto& [reason, count] : c.rejected) {
    metrics_
        .counter("tcfeed_invalid_total", "Values that failed normalization, by reason",
                 {{"connector", outcome.name}, {"reason", reason}})
        .add(count);
  }
  for (const auto& [reason, count] : c.tags_dropped) {
    metrics_
        .counter("tcfeed_tags_dropped_total", "Source tags dropped by cleaning (per indicator), by reason",
                 {{"connector", outcome.name}, {"reason", reason}})
        .add(count);
  }
  metrics_.counter("tcfeed_tags_cut_total", "Source tags cut to the platform's 128 bytes (per indicator)", connector)
      .add(c.tags_cut);
  for (const auto& [reason, count] : c.unmapped) {
    metrics_
        .counter("tcfeed_unmapped_total", "Records a connector could not map, by reason",
                 {{"connector", outcome.name}, {"reason", std::string(pipeline::unmapped_code(reason))}})
        .add(count);
  }
  const std::lock_guard lock(mutex_);  // not racing a reload that removes the series
  if (scheduled_.contains(outcome.name)) {
    metrics_.gauge(kLastSuccessName, kLastSuccessHelp, connector).set(static_cast<double>(now_unix()));
  }
}

void TelemetryEvents::batch_finished(const std::string& owner, const pipeline::DeliveryOutcome& result) {
  const telemetry::Labels labels{{"owner", owner}};
  switch (result.kind) {
    case pipeline::DeliveryOutcome::Kind::Completed:
      spdlog::info("owner '{}': batch delivered: {} stored, {} rejected by the platform", owner, result.delivered,
                   result.rejected);
      metrics_.counter("tcfeed_delivered_total", "Indicators the platform stored", labels)
          .add(static_cast<std::uint64_t>(result.delivered));
      metrics_.counter("tcfeed_platform_rejected_total", "Indicators the platform refused (dead letters)", labels)
          .add(static_cast<std::uint64_t>(result.rejected));
      metrics_.gauge("tcfeed_last_delivery_timestamp_seconds", "When a batch of each owner last completed", labels)
          .set(static_cast<double>(now_unix()));
      break;
    case pipeline::DeliveryOutcome::Kind::Split:
      metrics_.counter("tcfeed_batch_splits_total", "Batches split after the platform found them too large", labels)
          .add();
      break;
    case pipeline::DeliveryOutcome::Kind::Rescheduled:
      metrics_.counter("tcfeed_batch_retries_total", "Batch deliveries that failed and were rescheduled", labels).add();
      break;
    case pipeline::DeliveryOutcome::Kind::OwnerStopped: owner_stopped(owner, result.reason); break;
  }
}

void TelemetryEvents::owner_stopped(const std::string& owner, const std::string& why) {
  spdlog::error("owner '{}': {}", owner, why);
  metrics_
      .counter("tcfeed_owner_stops_total", "Times sending to an owner was stopped (credentials, permissions)",
               {{"owner", owner}})
      .add();
}

void TelemetryEvents::state_failed(const std::string& why) {
  spdlog::critical("state database failed, stopping: {}", why);
  std::lock_guard lock(mutex_);
  if (state_failure_.empty()) state_failure_ = why;
  state_failed_ = true;
}

std::string TelemetryEvents::state_failure_text() const {
  std::lock_guard lock(mutex_);
  return state_failure_;
}

}  // namespace tcfeed::telemetry
