// The strict exposition reader: it must accept the format as the spec writes it and refuse each
// broken rule, naming the line, or it is no oracle for Metrics::render().
#include "tests/unit/telemetry/prometheus_text.hpp"

#include <cmath>
#include <limits>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tcfeed::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// The message of the PromParseError `text` raises, or a marker when it parses.
std::string error_of(const std::string& text) {
  try {
    parse_prometheus_text(text);
  } catch (const PromParseError& error) {
    return error.what();
  }
  return "<accepted>";
}

TEST(PrometheusText, ReadsTheSpecExample) {
  const auto parsed = parse_prometheus_text(
      "# A plain comment is ignored\n"
      "\n"
      "# HELP http_requests_total The total number of HTTP requests.\n"
      "# TYPE http_requests_total counter\n"
      "http_requests_total{method=\"post\",code=\"200\"} 1027 1395066363000\n"
      "http_requests_total{method=\"post\",code=\"400\",} 3 1395066363000\n"
      "  # TYPE msdos_file_access_time_seconds gauge\n"
      "msdos_file_access_time_seconds{path=\"C:\\\\DIR\\\\FILE.TXT\",error=\"Cannot find file:\\n\\\"FILE.TXT\\\"\"} "
      "1.458255915e9\n"
      "metric_without_timestamp_and_labels 12.47\n"
      "something_weird{problem=\"division by zero\"} +Inf -3982045\n"
      "# TYPE h histogram\n"
      "h_bucket{le=\"0.5\"} 1\n"
      "h_bucket{le=\"+Inf\"} 2\n"
      "h_sum 3.5\n"
      "h_count 2\n"
      "# TYPE s summary\n"
      "s{quantile=\"0.5\"} NaN\n"
      "s_sum -1\n"
      "s_count 0\n");
  ASSERT_EQ(parsed.families.size(), 6u);
  const PromFamily* requests = parsed.family("http_requests_total");
  ASSERT_NE(requests, nullptr);
  EXPECT_EQ(requests->type, "counter");
  EXPECT_EQ(*requests->help, "The total number of HTTP requests.");
  ASSERT_EQ(requests->samples.size(), 2u);
  EXPECT_EQ(requests->samples[1].value, 3);
  EXPECT_EQ(requests->samples[1].timestamp_ms, 1395066363000);
  EXPECT_EQ(requests->samples[1].line, 6u);

  const PromSample* file = parsed.sample("msdos_file_access_time_seconds",
                                         {{"error", "Cannot find file:\n\"FILE.TXT\""}, {"path", "C:\\DIR\\FILE.TXT"}});
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->value, 1.458255915e9);
  EXPECT_EQ(parsed.sample("something_weird", {{"problem", "division by zero"}})->value,
            std::numeric_limits<double>::infinity());
  EXPECT_EQ(parsed.sample("something_weird", {{"problem", "division by zero"}})->timestamp_ms, -3982045);
  EXPECT_EQ(parsed.family("metric_without_timestamp_and_labels")->type, "untyped");
  EXPECT_EQ(parsed.family("h")->samples.size(), 4u);
  EXPECT_TRUE(std::isnan(parsed.sample("s", {{"quantile", "0.5"}})->value));
  EXPECT_EQ(parsed.family("s")->samples.size(), 3u);
}

TEST(PrometheusText, AcceptsEmptyInputAndHelpWithoutText) {
  EXPECT_EQ(error_of(""), "<accepted>");
  EXPECT_EQ(error_of("# HELP a\n# TYPE a gauge\na 1\n"), "<accepted>");
  EXPECT_EQ(*parse_prometheus_text("# HELP a\n").family("a")->help, "");
}

TEST(PrometheusText, RefusesBrokenLines) {
  EXPECT_EQ(error_of("a 1"), "line 1: the last line does not end with a line feed");
  EXPECT_THAT(error_of("a 1\r\n"), HasSubstr("carriage return"));
  EXPECT_EQ(error_of("a 1\n1a 2\n"), "line 2: invalid metric name in sample");
  EXPECT_THAT(error_of("a-b 1\n"), HasSubstr("line 1: expected a blank before the value"));
  EXPECT_THAT(error_of("a\n"), HasSubstr("sample has no value"));
  EXPECT_THAT(error_of("a 1 2 3\n"), HasSubstr("unexpected text after the timestamp"));
  EXPECT_THAT(error_of("a 1 1.5\n"), HasSubstr("timestamp '1.5' is not an integer"));
}

TEST(PrometheusText, RefusesValuesThatAreNotTheFormatsFloats) {
  for (const char* value : {"one", "0x10", "inf", "Inf", "nan", "1e", "--1", "1,5", ".", "1e400"}) {
    EXPECT_THAT(error_of(std::string("a ") + value + "\n"), HasSubstr("is not a float")) << value;
  }
  for (const char* value : {"1", "-1", "+1", "1.", ".5", "1e3", "1E-3", "-0", "+Inf", "-Inf", "NaN"}) {
    EXPECT_EQ(error_of(std::string("a ") + value + "\n"), "<accepted>") << value;
  }
}

TEST(PrometheusText, RefusesBrokenLabels) {
  EXPECT_THAT(error_of("a{b=\"1\",b=\"2\"} 1\n"), HasSubstr("label 'b' given twice"));
  EXPECT_THAT(error_of("a{1b=\"1\"} 1\n"), HasSubstr("invalid label name '1b'"));
  EXPECT_THAT(error_of("a{=\"1\"} 1\n"), HasSubstr("expected a label name or '}'"));
  EXPECT_THAT(error_of("a{b-c=\"1\"} 1\n"), HasSubstr("expected '='"));
  EXPECT_THAT(error_of("a{__name__=\"x\"} 1\n"), HasSubstr("reserved"));
  EXPECT_THAT(error_of("a{b=1} 1\n"), HasSubstr("expected '\"'"));
  EXPECT_THAT(error_of("a{b=\"1} 1\n"), HasSubstr("no closing quote"));
  EXPECT_THAT(error_of("a{b=\"1\" c=\"2\"} 1\n"), HasSubstr("expected ',' or '}'"));
  EXPECT_THAT(error_of("a{b=\"x\\ty\"} 1\n"), HasSubstr("invalid escape sequence in label value"));
  EXPECT_THAT(error_of("a{b=\"\xc3\x28\"} 1\n"), HasSubstr("not valid UTF-8"));
  EXPECT_EQ(error_of("a{} 1\n"), "<accepted>");
  EXPECT_EQ(error_of("a { b = \"1\" , c=\"\xc3\xa9\" } 1\n"), "<accepted>");
}

TEST(PrometheusText, RefusesBrokenHelpAndTypeLines) {
  EXPECT_THAT(error_of("# HELP\n"), HasSubstr("invalid metric name in HELP line"));
  EXPECT_THAT(error_of("# HELP a-b x\n"), HasSubstr("invalid metric name in HELP line"));
  EXPECT_THAT(error_of("# HELP a bad \\t escape\n"), HasSubstr("invalid escape sequence in HELP text"));
  EXPECT_THAT(error_of("# HELP a \xff\n"), HasSubstr("HELP text is not valid UTF-8"));
  EXPECT_THAT(error_of("# TYPE a\n"), HasSubstr("unknown metric type ''"));
  EXPECT_THAT(error_of("# TYPE a Counter\n"), HasSubstr("unknown metric type 'Counter'"));
  EXPECT_THAT(error_of("# TYPE a gauge extra\n"), HasSubstr("unexpected text after the TYPE"));
  EXPECT_EQ(error_of("# HELP a one\n# HELP a two\n"), "line 2: second HELP line for a");
  EXPECT_EQ(error_of("# TYPE a gauge\n# TYPE a gauge\n"), "line 2: second TYPE line for a");
  EXPECT_EQ(*parse_prometheus_text("# HELP a x\\\\y\\nz \"q\"\n").family("a")->help, "x\\y\nz \"q\"");
}

TEST(PrometheusText, RefusesTypeOrHelpAfterSamples) {
  EXPECT_EQ(error_of("a 1\n# TYPE a gauge\n"), "line 2: TYPE for a after its samples");
  EXPECT_EQ(error_of("a 1\n# HELP a late\n"), "line 2: HELP for a after its samples");
}

TEST(PrometheusText, RefusesFamiliesThatAreNotContiguous) {
  EXPECT_EQ(error_of("a 1\nb 1\na{x=\"y\"} 2\n"),
            "line 3: sample of a after other families: families must be contiguous");
  EXPECT_EQ(error_of("# HELP a x\n# HELP b y\n# TYPE a gauge\n"),
            "line 3: TYPE for a after other families: families must be contiguous");
  EXPECT_THAT(error_of("# TYPE h histogram\nh_count 1\nb 1\nh_sum 2\n"),
              HasSubstr("line 4: sample of h after other families"));
}

TEST(PrometheusText, RefusesDuplicateSeriesWhateverTheLabelOrder) {
  EXPECT_EQ(error_of("a 1\na 2\n"), "line 2: duplicate series a");
  EXPECT_EQ(error_of("a{x=\"1\",y=\"2\"} 1\na{y=\"2\",x=\"1\"} 2\n"), "line 2: duplicate series a");
  EXPECT_EQ(error_of("a{x=\"1\"} 1\na{x=\"2\"} 2\n"), "<accepted>");
}

TEST(PrometheusText, AppliesTheRulesOfEachType) {
  EXPECT_THAT(error_of("# TYPE c_total counter\nc_total -1\n"), HasSubstr("counter c_total is negative"));
  EXPECT_THAT(error_of("# TYPE h histogram\nh 1\n"), HasSubstr("needs _bucket, _sum or _count"));
  EXPECT_THAT(error_of("# TYPE h histogram\nh_bucket 1\n"), HasSubstr("bucket without le"));
  EXPECT_THAT(error_of("# TYPE s summary\ns 1\n"), HasSubstr("summary sample without quantile"));
  // Without a TYPE, a _count sample is a family of its own.
  EXPECT_EQ(parse_prometheus_text("x 1\nx_count 1\n").families.size(), 2u);
}

TEST(PrometheusText, ErrorCarriesTheLineNumber) {
  try {
    parse_prometheus_text("a 1\n\n# comment\nb{ 1\n");
    FAIL() << "accepted";
  } catch (const PromParseError& error) {
    EXPECT_EQ(error.line(), 4u);
    EXPECT_THAT(error.what(), StartsWith("line 4: "));
  }
}

}  // namespace
}  // namespace tcfeed::testing
