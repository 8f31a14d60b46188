// TelemetryEvents' gauges that alert rules divide and compare by (deploy/alerts.yaml): their names,
// labels and units are an interface Prometheus rules depend on.
#include "lib/pipeline/telemetry_events.hpp"

#include <chrono>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/telemetry/prometheus_text.hpp"

namespace tcfeed::pipeline {
namespace {

using ::testing::HasSubstr;

TEST(TelemetryEvents, ConnectorIntervalIsAGaugeInSecondsPerConnector) {
  telemetry::Metrics metrics;
  TelemetryEvents events(metrics);
  events.connector_scheduled("urlhaus-recent", std::chrono::minutes(15));
  events.connector_scheduled("feodo", std::chrono::hours(1));
  const std::string text = metrics.render();
  EXPECT_THAT(text, HasSubstr("# TYPE tcfeed_connector_interval_seconds gauge\n"));
  EXPECT_THAT(text, HasSubstr("tcfeed_connector_interval_seconds{connector=\"urlhaus-recent\"} 900\n"));
  EXPECT_THAT(text, HasSubstr("tcfeed_connector_interval_seconds{connector=\"feodo\"} 3600\n"));
  tcfeed::testing::parse_prometheus_text(text);  // throws on anything Prometheus would refuse
}

TEST(TelemetryEvents, AReloadedScheduleReplacesTheInterval) {
  telemetry::Metrics metrics;
  TelemetryEvents events(metrics);
  events.connector_scheduled("feodo", std::chrono::hours(1));
  events.connector_scheduled("feodo", std::chrono::seconds(30));
  const std::string text = metrics.render();
  EXPECT_THAT(text, HasSubstr("tcfeed_connector_interval_seconds{connector=\"feodo\"} 30\n"));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("3600")));
}

}  // namespace
}  // namespace tcfeed::pipeline
