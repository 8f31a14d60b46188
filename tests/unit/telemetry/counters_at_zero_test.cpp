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

// Every reason code of every family (docs/reasons.md) has its series at 0 per connector, so an
// alert or panel on one reason sees 0 before the first hit; the labels are the codes, not texts.
TEST(CountersAtZero, EveryReasonCodeOfEveryConnector) {
  Metrics metrics;
  TelemetryEvents events(metrics);
  events.connectors_scheduled({{"feodo", std::chrono::hours(1)}, {"urlhaus", std::chrono::minutes(5)}},
                              {"benign", "allowlist:entry", "warninglist:public-dns-resolvers"});
  const std::string text = metrics.render();
  for (const char* connector : {"feodo", "urlhaus"}) {
    for (const std::string series : {
             "tcfeed_invalid_total{connector=\"%\",reason=\"url_missing_scheme\"} 0\n",
             "tcfeed_invalid_total{connector=\"%\",reason=\"host_single_label\"} 0\n",
             "tcfeed_invalid_total{connector=\"%\",reason=\"too_large_for_batch\"} 0\n",
             "tcfeed_unmapped_total{connector=\"%\",reason=\"malformed_row\"} 0\n",
             "tcfeed_unmapped_total{connector=\"%\",reason=\"before_backfill\"} 0\n",
             "tcfeed_tags_dropped_total{connector=\"%\",reason=\"control_character\"} 0\n",
             "tcfeed_tags_dropped_total{connector=\"%\",reason=\"invalid_utf8\"} 0\n",
             "tcfeed_dropped_total{connector=\"%\",reason=\"benign\"} 0\n",
             "tcfeed_dropped_total{connector=\"%\",reason=\"warninglist:public-dns-resolvers\"} 0\n",
         }) {
      std::string expected = series;
      expected.replace(expected.find('%'), 1, connector);
      EXPECT_THAT(text, HasSubstr(expected)) << expected;
    }
  }
  // A reason no value gets any more has no series, and no label is a sentence.
  EXPECT_THAT(text, ::testing::Not(HasSubstr("reason=\"host_hyphen\"")));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("reason=\"not ")));
  tcfeed::testing::parse_prometheus_text(text);
}

// A poll's reject is counted under its code, the series exported at 0 beforehand.
TEST(CountersAtZero, ARejectMovesItsCodesSeries) {
  Metrics metrics;
  TelemetryEvents events(metrics);
  events.connectors_scheduled({{"urlhaus", std::chrono::minutes(5)}});
  pipeline::ConnectorOutcome outcome;
  outcome.name = "urlhaus";
  outcome.counters.rejected["url_missing_scheme"] = 2;
  events.poll_finished(outcome);
  EXPECT_THAT(metrics.render(),
              HasSubstr("tcfeed_invalid_total{connector=\"urlhaus\",reason=\"url_missing_scheme\"} 2\n"));
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
