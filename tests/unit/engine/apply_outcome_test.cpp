// The one step both the daemon's senders and `run --once` take after a batch: what each outcome
// counts, what it does to the owner's circuit, and what it reports (log line and metric).
#include "lib/pipeline/engine/apply_outcome.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lib/telemetry/metrics.hpp"

namespace tcfeed::pipeline {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using Kind = DeliveryOutcome::Kind;

constexpr std::int64_t kNow = 1'700'000'000;

DeliveryOutcome outcome_of(Kind kind) {
  DeliveryOutcome outcome;
  outcome.kind = kind;
  return outcome;
}

TEST(ApplyOutcome, ACompletedBatchCountsAndClosesTheCircuit) {
  telemetry::Metrics metrics;
  telemetry::TelemetryEvents events(metrics);
  OwnerSending sending;
  sending.paused_until = kNow - 5;
  sending.stopped = "sending stopped, data kept: earlier";
  sending.error = "HTTP 503";
  auto outcome = outcome_of(Kind::Completed);
  outcome.delivered = 7;
  outcome.rejected = 2;
  EXPECT_EQ(apply_outcome("Acme", outcome, sending, kNow, &events), AfterOutcome::SendNext);
  EXPECT_EQ(sending.delivered, 7);
  EXPECT_EQ(sending.rejected, 2);
  EXPECT_EQ(sending.jobs, 1);
  EXPECT_EQ(sending.paused_until, 0);
  EXPECT_EQ(sending.stopped, "");
  EXPECT_EQ(sending.error, "");
  const std::string text = metrics.render();
  EXPECT_THAT(text, HasSubstr("tcfeed_delivered_total{owner=\"Acme\"} 7\n"));
  EXPECT_THAT(text, HasSubstr("tcfeed_platform_rejected_total{owner=\"Acme\"} 2\n"));
}

TEST(ApplyOutcome, ASplitBatchSendsItsPartsNextWithoutCountingAJob) {
  telemetry::Metrics metrics;
  telemetry::TelemetryEvents events(metrics);
  OwnerSending sending;
  EXPECT_EQ(apply_outcome("Acme", outcome_of(Kind::Split), sending, kNow, &events), AfterOutcome::SendNext);
  EXPECT_EQ(sending.jobs, 0);
  EXPECT_THAT(metrics.render(), HasSubstr("tcfeed_batch_splits_total{owner=\"Acme\"} 1\n"));
}

TEST(ApplyOutcome, ARescheduledBatchPausesItsOwnerUntilItIsDue) {
  telemetry::Metrics metrics;
  telemetry::TelemetryEvents events(metrics);
  OwnerSending sending;
  auto outcome = outcome_of(Kind::Rescheduled);
  outcome.reason = "HTTP 503";
  outcome.next_attempt_unix = kNow + 40;
  EXPECT_EQ(apply_outcome("Acme", outcome, sending, kNow, &events), AfterOutcome::OwnerWaits);
  EXPECT_EQ(sending.paused_until, kNow + 40);
  EXPECT_EQ(sending.error, "HTTP 503");
  EXPECT_EQ(sending.stopped, "") << "a failure is not a stop";
  EXPECT_THAT(metrics.render(), HasSubstr("tcfeed_batch_retries_total{owner=\"Acme\"} 1\n"));
}

TEST(ApplyOutcome, AnOwnerStopIsHeldForTheProbeInterval) {
  telemetry::Metrics metrics;
  telemetry::TelemetryEvents events(metrics);
  OwnerSending sending;
  auto outcome = outcome_of(Kind::OwnerStopped);
  outcome.reason = "sending stopped, data kept: HTTP 403";
  EXPECT_EQ(apply_outcome("Acme", outcome, sending, kNow, &events), AfterOutcome::OwnerStopped);
  EXPECT_EQ(sending.stopped, outcome.reason);
  EXPECT_EQ(sending.error, outcome.reason);
  EXPECT_EQ(sending.paused_until, kNow + kStoppedProbeSeconds);
  EXPECT_THAT(metrics.render(), HasSubstr("tcfeed_owner_stops_total{owner=\"Acme\"} 1\n"));
}

TEST(ApplyOutcome, RefusedCredentialsAreLeftToTheCallerToStopEveryone) {
  telemetry::Metrics metrics;
  telemetry::TelemetryEvents events(metrics);
  OwnerSending sending;
  auto outcome = outcome_of(Kind::OwnerStopped);
  outcome.scope = DeliveryOutcome::StopScope::All;
  outcome.reason = "sending stopped, data kept: credentials refused";
  EXPECT_EQ(apply_outcome("Acme", outcome, sending, kNow, &events), AfterOutcome::AllStopped);
  EXPECT_EQ(sending.stopped, "") << "not this owner's own stop: it ends when the credentials work again";
  EXPECT_EQ(sending.paused_until, 0);
  EXPECT_EQ(sending.error, outcome.reason);
  EXPECT_THAT(metrics.render(), HasSubstr("tcfeed_owner_stops_total{owner=\"Acme\"} 1\n"));
}

TEST(ApplyOutcome, WithoutEventsNothingIsReported) {
  telemetry::Metrics metrics;
  OwnerSending sending;
  auto outcome = outcome_of(Kind::Completed);
  outcome.delivered = 3;
  EXPECT_EQ(apply_outcome("Acme", outcome, sending, kNow, nullptr), AfterOutcome::SendNext);
  EXPECT_EQ(sending.delivered, 3);
  EXPECT_THAT(metrics.render(), Not(HasSubstr("tcfeed_delivered_total")));
}

}  // namespace
}  // namespace tcfeed::pipeline
