// TelemetryEvents' gauges that alert rules divide and compare by (deploy/alerts.yaml): their names,
// labels and units are an interface Prometheus rules depend on.
#include "lib/telemetry/telemetry_events.hpp"

#include <chrono>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/telemetry/prometheus_text.hpp"

namespace tcfeed::telemetry {
namespace {

using ::testing::HasSubstr;

TEST(TelemetryEvents, ConnectorIntervalIsAGaugeInSecondsPerConnector) {
  Metrics metrics;
  TelemetryEvents events(metrics);
  events.connectors_scheduled({{"urlhaus-recent", std::chrono::minutes(15)}, {"feodo", std::chrono::hours(1)}});
  const std::string text = metrics.render();
  EXPECT_THAT(text, HasSubstr("# TYPE tcfeed_connector_interval_seconds gauge\n"));
  EXPECT_THAT(text, HasSubstr("tcfeed_connector_interval_seconds{connector=\"urlhaus-recent\"} 900\n"));
  EXPECT_THAT(text, HasSubstr("tcfeed_connector_interval_seconds{connector=\"feodo\"} 3600\n"));
  tcfeed::testing::parse_prometheus_text(text);  // throws on anything Prometheus would refuse
}

TEST(TelemetryEvents, AReloadedScheduleReplacesTheInterval) {
  Metrics metrics;
  TelemetryEvents events(metrics);
  events.connectors_scheduled({{"feodo", std::chrono::hours(1)}});
  events.connectors_scheduled({{"feodo", std::chrono::seconds(30)}});
  const std::string text = metrics.render();
  EXPECT_THAT(text, HasSubstr("tcfeed_connector_interval_seconds{connector=\"feodo\"} 30\n"));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("3600")));
}

pipeline::ConnectorOutcome succeeded(const std::string& name) {
  pipeline::ConnectorOutcome outcome;
  outcome.name = name;
  outcome.owner = "Acme";
  return outcome;
}

TEST(TelemetryEvents, AConnectorAReloadRemovedIsNoLongerReportedAsStale) {
  Metrics metrics;
  TelemetryEvents events(metrics);
  events.connectors_scheduled({{"kept", std::chrono::hours(1)}, {"dropped", std::chrono::minutes(5)}});
  events.poll_finished(succeeded("kept"));
  events.poll_finished(succeeded("dropped"));
  EXPECT_THAT(metrics.render(), HasSubstr("tcfeed_last_success_timestamp_seconds{connector=\"dropped\"}"));

  events.connectors_scheduled({{"kept", std::chrono::hours(1)}});
  events.poll_finished(succeeded("dropped"));  // its last poll, winding down after the reload
  const std::string text = metrics.render();
  EXPECT_THAT(text, ::testing::Not(HasSubstr("tcfeed_connector_interval_seconds{connector=\"dropped\"}")));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("tcfeed_last_success_timestamp_seconds{connector=\"dropped\"}")));
  EXPECT_THAT(text, HasSubstr("tcfeed_connector_interval_seconds{connector=\"kept\"} 3600\n"));
  EXPECT_THAT(text, HasSubstr("tcfeed_last_success_timestamp_seconds{connector=\"kept\"}"));
  EXPECT_THAT(text, HasSubstr("tcfeed_polls_total{connector=\"dropped\",result=\"ok\"} 2\n"));  // counters stay
  tcfeed::testing::parse_prometheus_text(text);
}

TEST(TelemetryEvents, UnmappedRecordsAreCountedUnderTheReasonsCode) {
  Metrics metrics;
  TelemetryEvents events(metrics);
  auto outcome = succeeded("urlhaus");
  outcome.counters.unmapped[pipeline::Unmapped::Malformed] = 2;
  outcome.counters.unmapped[pipeline::Unmapped::Offline] = 1;
  events.poll_finished(outcome);
  const std::string text = metrics.render();
  EXPECT_THAT(text, HasSubstr("tcfeed_unmapped_total{connector=\"urlhaus\",reason=\"malformed_row\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("tcfeed_unmapped_total{connector=\"urlhaus\",reason=\"offline\"} 1\n"));
  tcfeed::testing::parse_prometheus_text(text);
}

}  // namespace
}  // namespace tcfeed::telemetry
