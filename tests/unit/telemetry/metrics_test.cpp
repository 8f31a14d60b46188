// Metrics: stable references, escaping, ordering, callbacks, refusal of bad names; every render
// also goes through the strict exposition reader.
#include "lib/telemetry/metrics.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/telemetry/prometheus_text.hpp"

namespace tcfeed::telemetry {
namespace {

using ::testing::HasSubstr;
using testing::parse_prometheus_text;

TEST(Metrics, CounterReferenceIsStableAndShared) {
  Metrics metrics;
  Counter& first = metrics.counter("tcfeed_records_total", "Records read.", {{"connector", "a"}});
  first.add(2);
  // Many more series: the map grows, the first reference must stay valid.
  for (int i = 0; i < 200; ++i) {
    metrics.counter("tcfeed_records_total", "Records read.", {{"connector", "c" + std::to_string(i)}});
  }
  Counter& again = metrics.counter("tcfeed_records_total", "Records read.", {{"connector", "a"}});
  EXPECT_EQ(&first, &again);
  again.add(3);
  EXPECT_EQ(first.value(), 5u);
}

TEST(Metrics, LabelOrderDoesNotMakeANewSeries) {
  Metrics metrics;
  Counter& one = metrics.counter("x_total", "h", {{"a", "1"}, {"b", "2"}});
  Counter& two = metrics.counter("x_total", "h", {{"b", "2"}, {"a", "1"}});
  EXPECT_EQ(&one, &two);
}

TEST(Metrics, RendersHelpTypeAndSamplesGroupedAndSorted) {
  Metrics metrics;
  metrics.gauge("tcfeed_up", "Whether the daemon runs.").set(1);
  metrics.counter("tcfeed_b_total", "B things.", {{"owner", "zeta"}}).add(7);
  metrics.counter("tcfeed_a_total", "A things.").add(1);
  metrics.counter("tcfeed_b_total", "B things.", {{"owner", "alpha"}}).add(2);
  EXPECT_EQ(metrics.render(),
            "# HELP tcfeed_a_total A things.\n"
            "# TYPE tcfeed_a_total counter\n"
            "tcfeed_a_total 1\n"
            "# HELP tcfeed_b_total B things.\n"
            "# TYPE tcfeed_b_total counter\n"
            "tcfeed_b_total{owner=\"alpha\"} 2\n"
            "tcfeed_b_total{owner=\"zeta\"} 7\n"
            "# HELP tcfeed_up Whether the daemon runs.\n"
            "# TYPE tcfeed_up gauge\n"
            "tcfeed_up 1\n");
}

TEST(Metrics, EscapesLabelValuesAndHelp) {
  Metrics metrics;
  const std::string hostile = "a\\b \"quoted\"\nnext line";
  metrics.counter("x_total", "back\\slash and\nnewline \"kept\"", {{"owner", hostile}}).add(1);
  const std::string text = metrics.render();
  EXPECT_THAT(text, HasSubstr("# HELP x_total back\\\\slash and\\nnewline \"kept\"\n"));
  EXPECT_THAT(text, HasSubstr("x_total{owner=\"a\\\\b \\\"quoted\\\"\\nnext line\"} 1\n"));
  const auto parsed = parse_prometheus_text(text);
  ASSERT_NE(parsed.sample("x_total", {{"owner", hostile}}), nullptr);
  EXPECT_EQ(*parsed.family("x_total")->help, "back\\slash and\nnewline \"kept\"");
}

TEST(Metrics, GaugesRenderAsDoublesIncludingSpecialValues) {
  Metrics metrics;
  metrics.gauge("g", "h", {{"k", "half"}}).set(0.5);
  metrics.gauge("g", "h", {{"k", "big"}}).set(1e20);
  metrics.gauge("g", "h", {{"k", "inf"}}).set(std::numeric_limits<double>::infinity());
  metrics.gauge("g", "h", {{"k", "ninf"}}).set(-std::numeric_limits<double>::infinity());
  metrics.gauge("g", "h", {{"k", "nan"}}).set(std::nan(""));
  Gauge& moved = metrics.gauge("g", "h", {{"k", "moved"}});
  moved.add(2.25);
  moved.add(-1);
  const auto parsed = parse_prometheus_text(metrics.render());
  EXPECT_EQ(parsed.sample("g", {{"k", "half"}})->value, 0.5);
  EXPECT_EQ(parsed.sample("g", {{"k", "big"}})->value, 1e20);
  EXPECT_EQ(parsed.sample("g", {{"k", "inf"}})->value, std::numeric_limits<double>::infinity());
  EXPECT_EQ(parsed.sample("g", {{"k", "ninf"}})->value, -std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isnan(parsed.sample("g", {{"k", "nan"}})->value));
  EXPECT_EQ(parsed.sample("g", {{"k", "moved"}})->value, 1.25);
  EXPECT_THAT(metrics.render(), HasSubstr("g{k=\"inf\"} +Inf\n"));
}

TEST(Metrics, CallbackGaugeIsReadAtRenderTimeAndCanBeReplaced) {
  Metrics metrics;
  double depth = 3;
  metrics.gauge_callback("tcfeed_outbox_batches", "Batches waiting.", {{"owner", "o"}}, [&] { return depth; });
  EXPECT_THAT(metrics.render(), HasSubstr("tcfeed_outbox_batches{owner=\"o\"} 3\n"));
  depth = 42;
  EXPECT_THAT(metrics.render(), HasSubstr("tcfeed_outbox_batches{owner=\"o\"} 42\n"));
  metrics.gauge_callback("tcfeed_outbox_batches", "Batches waiting.", {{"owner", "o"}}, [] { return 7.0; });
  EXPECT_THAT(metrics.render(), HasSubstr("tcfeed_outbox_batches{owner=\"o\"} 7\n"));
}

TEST(Metrics, FailingCallbackShowsNaNAndTheRestStillRenders) {
  Metrics metrics;
  metrics.gauge_callback("a", "h", {}, []() -> double { throw std::runtime_error("database is locked"); });
  metrics.counter("b_total", "h").add(1);
  const auto parsed = parse_prometheus_text(metrics.render());
  EXPECT_TRUE(std::isnan(parsed.sample("a")->value));
  EXPECT_EQ(parsed.sample("b_total")->value, 1);
}

TEST(Metrics, RefusesWhatPrometheusWouldNotRead) {
  Metrics metrics;
  EXPECT_THROW(metrics.counter("records", "h"), std::invalid_argument);  // no _total
  EXPECT_THROW(metrics.counter("1st_total", "h"), std::invalid_argument);
  EXPECT_THROW(metrics.gauge("with-dash", "h"), std::invalid_argument);
  EXPECT_THROW(metrics.gauge("g", "h", {{"bad-label", "v"}}), std::invalid_argument);
  EXPECT_THROW(metrics.gauge("g", "h", {{"__reserved", "v"}}), std::invalid_argument);
  EXPECT_THROW(metrics.gauge("g", "h", {{"a", "1"}, {"a", "2"}}), std::invalid_argument);
  EXPECT_THROW(metrics.gauge("g", "h", {{"a", "\xff"}}), std::invalid_argument);
  metrics.counter("c_total", "help one");
  EXPECT_THROW(metrics.gauge("c_total", "help one"), std::invalid_argument);    // another type
  EXPECT_THROW(metrics.counter("c_total", "help two"), std::invalid_argument);  // another help
  EXPECT_THROW(metrics.gauge_callback("cb", "h", {}, nullptr), std::invalid_argument);
  EXPECT_NO_THROW(metrics.gauge("ns:sub_metric", "h", {{"_x", "v"}}));
}

TEST(Metrics, ARemovedGaugeSeriesIsNoLongerRenderedAndItsFamilyGoesWithTheLast) {
  Metrics metrics;
  metrics.gauge("tcfeed_g", "help", {{"connector", "a"}}).set(1);
  metrics.gauge("tcfeed_g", "help", {{"connector", "b"}}).set(2);
  metrics.remove_gauge("tcfeed_g", {{"connector", "a"}});
  EXPECT_EQ(metrics.render(), "# HELP tcfeed_g help\n# TYPE tcfeed_g gauge\ntcfeed_g{connector=\"b\"} 2\n");
  metrics.remove_gauge("tcfeed_g", {{"connector", "b"}});
  metrics.remove_gauge("tcfeed_never_registered", {});
  EXPECT_EQ(metrics.render(), "");
  metrics.counter("tcfeed_c_total", "help").add();
  EXPECT_THROW(metrics.remove_gauge("tcfeed_c_total", {}), std::invalid_argument);
}

TEST(Metrics, EmptyRegistryRendersNothing) {
  Metrics metrics;
  EXPECT_EQ(metrics.render(), "");
  EXPECT_TRUE(parse_prometheus_text(metrics.render()).families.empty());
}

TEST(Metrics, ConcurrentAddsAndRendersLoseNothing) {
  Metrics metrics;
  constexpr int kThreads = 4;
  constexpr int kAdds = 20000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&metrics, t] {
      Counter& shared = metrics.counter("shared_total", "h");
      for (int i = 0; i < kAdds; ++i) {
        shared.add();
        if (i % 1000 == 0) {
          // Registering while others add and render: the registry's lock, not the hot path's.
          metrics.counter("per_thread_total", "h", {{"t", std::to_string(t)}, {"i", std::to_string(i)}}).add();
          EXPECT_NO_THROW(parse_prometheus_text(metrics.render()));
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(metrics.counter("shared_total", "h").value(), std::uint64_t{kThreads} * kAdds);
  const auto parsed = parse_prometheus_text(metrics.render());
  EXPECT_EQ(parsed.family("per_thread_total")->samples.size(), std::size_t{kThreads} * (kAdds / 1000));
}

}  // namespace
}  // namespace tcfeed::telemetry
