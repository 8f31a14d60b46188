#include "lib/telemetry/telemetry_events.hpp"

#include <spdlog/spdlog.h>

#include "lib/core/log_fields.hpp"
#include "lib/core/unix_time.hpp"
#include "lib/pipeline/stream/reasons.hpp"
#include "lib/telemetry/run_log.hpp"

namespace tcfeed::telemetry {

namespace {

constexpr std::string_view kIntervalName = "tcfeed_connector_interval_seconds";
constexpr std::string_view kIntervalHelp = "Each connector's schedule.every (without jitter or backoff)";
constexpr std::string_view kLastSuccessName = "tcfeed_last_success_timestamp_seconds";
constexpr std::string_view kLastSuccessHelp = "When each connector last polled successfully";

// A family a dashboard reads, with its help text: both the event that moves it and the series
// created at 0 beforehand name it through one constant, so the two cannot register it twice.
struct Family {
  std::string_view name, help;
};
constexpr Family kPolls{"tcfeed_polls_total", "Polls of each connector, by result"};
constexpr Family kRecords{"tcfeed_records_total", "Records read from each connector's source"};
constexpr Family kQueued{"tcfeed_indicators_queued_total", "Indicators queued in the outbox"};
constexpr Family kRepeated{"tcfeed_duplicates_total", "Indicators skipped as repeated within a poll"};
constexpr Family kUnchanged{"tcfeed_unchanged_total",
                            "Indicators skipped as delivered unchanged within delivery.refresh"};
constexpr Family kExpired{"tcfeed_expired_total",
                          "Indicators an incremental feed stopped mentioning for expire_after, sent deactivated"};
constexpr Family kTagsCut{"tcfeed_tags_cut_total", "Source tags cut to the platform's 128 bytes (per indicator)"};
constexpr Family kWithheld{"tcfeed_removals_withheld_total",
                           "Full-list polls whose removals were withheld (removed_guard, unreadable records)"};
constexpr Family kDelivered{"tcfeed_delivered_total", "Indicators the platform stored"};
constexpr Family kPlatformRejected{"tcfeed_platform_rejected_total", "Indicators the platform refused (dead letters)"};
constexpr Family kSplits{"tcfeed_batch_splits_total", "Batches split after the platform found them too large"};
constexpr Family kRetries{"tcfeed_batch_retries_total", "Batch deliveries that failed and were rescheduled"};
constexpr Family kOwnerStops{"tcfeed_owner_stops_total",
                             "Times sending to an owner was stopped (credentials, permissions)"};
// Per reason code (docs/reasons.md).
constexpr Family kDropped{"tcfeed_dropped_total", "Indicators dropped by policy, by reason"};
constexpr Family kInvalid{"tcfeed_invalid_total", "Values that failed normalization, by reason"};
constexpr Family kTagsDropped{"tcfeed_tags_dropped_total",
                              "Source tags dropped by cleaning (per indicator), by reason"};
constexpr Family kUnmapped{"tcfeed_unmapped_total",
                           "Records a connector could not map (unmapped) or left out (skipped), by reason"};
constexpr std::string_view kPollResults[] = {"ok", "not_modified", "failed"};

Counter& counter(Metrics& metrics, const Family& family, Labels labels) {
  return metrics.counter(family.name, family.help, std::move(labels));
}

}  // namespace

void TelemetryEvents::connectors_scheduled(const std::vector<std::pair<std::string, std::chrono::seconds>>& connectors,
                                           const std::vector<std::string>& dropped_reasons) {
  std::set<std::string, std::less<>> now_scheduled;
  for (const auto& [name, every] : connectors) {
    now_scheduled.insert(name);
    metrics_.gauge(kIntervalName, kIntervalHelp, {{"connector", name}}).set(static_cast<double>(every.count()));
    // Registered, so at 0 until the first poll: a rate() over a series that appears only with its
    // first event misses that event, and a dashboard shows "no data" where 0 is the truth. That
    // holds for every reason code too (docs/reasons.md): an alert on one reason sees 0 before the
    // first hit. The codes are a fixed, short list, so the series stay few.
    for (const auto result : kPollResults)
      counter(metrics_, kPolls, {{"connector", name}, {"result", std::string(result)}});
    for (const Family* family : {&kRecords, &kQueued, &kRepeated, &kUnchanged, &kExpired, &kTagsCut, &kWithheld}) {
      counter(metrics_, *family, {{"connector", name}});
    }
    const auto by_reason = [&](const Family& family, std::string_view reason) {
      counter(metrics_, family, {{"connector", name}, {"reason", std::string(reason)}});
    };
    for (const auto code : pipeline::rejected_codes()) by_reason(kInvalid, code);
    for (const auto reason : pipeline::all_unmapped()) by_reason(kUnmapped, pipeline::unmapped_code(reason));
    for (const auto code : pipeline::tag_dropped_codes()) by_reason(kTagsDropped, code);
    for (const auto& code : dropped_reasons) by_reason(kDropped, code);
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
  counter(metrics_, kPolls, {{"connector", outcome.name}, {"result", result}}).add();
  const auto& c = outcome.counters;
  std::uint64_t rejected = 0;
  for (const auto& [reason, count] : c.rejected) rejected += count;
  history_.record_run(outcome.name, {now_unix(), c.records, c.indicators, rejected, !outcome.error.empty()});
  if (!outcome.error.empty()) return;
  counter(metrics_, kRecords, connector).add(c.records);
  counter(metrics_, kQueued, connector).add(c.indicators);
  counter(metrics_, kRepeated, connector).add(c.duplicates);
  counter(metrics_, kUnchanged, connector).add(c.unchanged);
  counter(metrics_, kExpired, connector).add(c.expired);
  if (!outcome.removals_withheld.empty()) counter(metrics_, kWithheld, connector).add();
  for (const auto& [reason, count] : c.dropped)
    counter(metrics_, kDropped, {{"connector", outcome.name}, {"reason", reason}}).add(count);
  for (const auto& [list, count] : c.warninglisted) {
    metrics_
        .counter("tcfeed_warninglisted_total", "Indicators on a tag-only warninglist, sent with its tag, by list",
                 {{"connector", outcome.name}, {"list", list}})
        .add(count);
  }
  for (const auto& [reason, count] : c.rejected)
    counter(metrics_, kInvalid, {{"connector", outcome.name}, {"reason", reason}}).add(count);
  for (const auto& [reason, count] : c.tags_dropped) {
    counter(metrics_, kTagsDropped, {{"connector", outcome.name}, {"reason", reason}}).add(count);
  }
  counter(metrics_, kTagsCut, connector).add(c.tags_cut);
  for (const auto& [reason, count] : c.unmapped) {
    counter(metrics_, kUnmapped,
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
  const LogFields fields{{"owner", owner}, {"delivered", result.delivered}, {"platform_rejected", result.rejected}};
  switch (result.kind) {
    case pipeline::DeliveryOutcome::Kind::Completed:
      spdlog::info("owner '{}': batch delivered: {} stored, {} rejected by the platform", owner, result.delivered,
                   result.rejected);
      counter(metrics_, kDelivered, labels).add(static_cast<std::uint64_t>(result.delivered));
      counter(metrics_, kPlatformRejected, labels).add(static_cast<std::uint64_t>(result.rejected));
      metrics_.gauge("tcfeed_last_delivery_timestamp_seconds", "When a batch of each owner last completed", labels)
          .set(static_cast<double>(now_unix()));
      break;
    case pipeline::DeliveryOutcome::Kind::Split: counter(metrics_, kSplits, labels).add(); break;
    case pipeline::DeliveryOutcome::Kind::Rescheduled: counter(metrics_, kRetries, labels).add(); break;
    case pipeline::DeliveryOutcome::Kind::OwnerStopped: owner_stopped(owner, result.reason); break;
  }
}

void TelemetryEvents::owner_stopped(const std::string& owner, const std::string& why) {
  const LogFields fields{{"owner", owner}};
  spdlog::error("owner '{}': {}", owner, why);
  counter(metrics_, kOwnerStops, {{"owner", owner}}).add();
}

void TelemetryEvents::owners_known(const std::vector<std::string>& owners) {
  for (const auto& owner : owners) {
    for (const Family* family : {&kDelivered, &kPlatformRejected, &kSplits, &kRetries, &kOwnerStops}) {
      counter(metrics_, *family, {{"owner", owner}});
    }
  }
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
