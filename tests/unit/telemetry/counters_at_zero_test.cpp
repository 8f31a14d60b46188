// Counters a dashboard reads exist from the start, at 0 (issue 14): a rate() over a series that
// appears with its first event misses that event, and a panel shows "no data" where 0 is true.
#include <chrono>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lib/telemetry/telemetry_events.hpp"
#include "tests/unit/telemetry/prometheus_text.hpp"

namespace tcfeed::telemetry {
namespace {

using ::testing::HasSubstr;

TEST(CountersAtZero, EveryConnectorAndOwnerSeriesBeforeTheFirstEvent) {
  Metrics metrics;
  TelemetryEvents events(metrics);
  events.connectors_scheduled({{"feodo", std::chrono::hours(1)}});
  events.owners_known({"SOC Feeds"});
  const std::string text = metrics.render();
  for (const char* series : {
           "tcfeed_polls_total{connector=\"feodo\",result=\"ok\"} 0\n",
           "tcfeed_polls_total{connector=\"feodo\",result=\"failed\"} 0\n",
           "tcfeed_polls_total{connector=\"feodo\",result=\"not_modified\"} 0\n",
           "tcfeed_records_total{connector=\"feodo\"} 0\n",
           "tcfeed_indicators_queued_total{connector=\"feodo\"} 0\n",
           "tcfeed_duplicates_total{connector=\"feodo\"} 0\n",
           "tcfeed_unchanged_total{connector=\"feodo\"} 0\n",
           "tcfeed_expired_total{connector=\"feodo\"} 0\n",
           "tcfeed_removals_withheld_total{connector=\"feodo\"} 0\n",
           "tcfeed_delivered_total{owner=\"SOC Feeds\"} 0\n",
           "tcfeed_platform_rejected_total{owner=\"SOC Feeds\"} 0\n",
           "tcfeed_batch_retries_total{owner=\"SOC Feeds\"} 0\n",
           "tcfeed_batch_splits_total{owner=\"SOC Feeds\"} 0\n",
           "tcfeed_owner_stops_total{owner=\"SOC Feeds\"} 0\n",
       }) {
    EXPECT_THAT(text, HasSubstr(series)) << series;
  }
  tcfeed::testing::parse_prometheus_text(text);
}

TEST(CountersAtZero, TheEventsMoveTheSameSeries) {
  Metrics metrics;
  TelemetryEvents events(metrics);
  events.connectors_scheduled({{"feodo", std::chrono::hours(1)}});
  pipeline::ConnectorOutcome outcome;
  outcome.name = "feodo";
  outcome.counters.records = 7;
  outcome.removals_withheld = "40 of the 100 entries of the previous list are gone";
  events.poll_finished(outcome);
  const std::string text = metrics.render();
  EXPECT_THAT(text, HasSubstr("tcfeed_records_total{connector=\"feodo\"} 7\n"));
  EXPECT_THAT(text, HasSubstr("tcfeed_polls_total{connector=\"feodo\",result=\"ok\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("tcfeed_removals_withheld_total{connector=\"feodo\"} 1\n"));
  // The run is kept for the status page's chart.
  const auto runs = events.history().runs("feodo");
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].records, 7u);
  EXPECT_FALSE(runs[0].failed);
}

TEST(StatusHistory, KeepsTheLastRunsAndSamplesOnly) {
  StatusHistory history;
  for (std::uint64_t i = 0; i < StatusHistory::kRuns + 5; ++i)
    history.record_run("a", {static_cast<std::int64_t>(i), i, 0, 0, false});
  const auto runs = history.runs("a");
  ASSERT_EQ(runs.size(), StatusHistory::kRuns);
  EXPECT_EQ(runs.front().records, 5u);
  EXPECT_EQ(runs.back().records, StatusHistory::kRuns + 4);
  for (std::uint64_t i = 0; i < StatusHistory::kBacklogPoints + 1; ++i) history.record_backlog("o", {0, i, 0});
  EXPECT_EQ(history.backlog("o").size(), StatusHistory::kBacklogPoints);
  EXPECT_TRUE(history.runs("unknown").empty());
}

}  // namespace
}  // namespace tcfeed::telemetry
