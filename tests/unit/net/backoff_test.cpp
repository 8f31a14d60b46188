#include "lib/net/backoff.hpp"

#include <gtest/gtest.h>

namespace tcfeed::net {
namespace {

using std::chrono::milliseconds;

TEST(Backoff, FullJitterStaysUnderTheExponentialCeilingAndTheCap) {
  BackoffPolicy policy;
  policy.base = milliseconds(100);
  policy.cap = milliseconds(1000);
  std::mt19937_64 random(7);
  for (int retry = 0; retry < 12; ++retry) {
    const auto ceiling = std::min<std::int64_t>(1000, 100LL << retry);
    milliseconds largest{0};
    for (int i = 0; i < 500; ++i) {
      const auto wait = jittered_backoff(policy, retry, random);
      EXPECT_GE(wait.count(), 0);
      EXPECT_LE(wait.count(), ceiling);
      largest = std::max(largest, wait);
    }
    EXPECT_GT(largest.count(), ceiling / 2) << "jitter should spread over the whole range, retry " << retry;
  }
}

TEST(RetryAfter, SecondsAndHttpDates) {
  const std::int64_t now = 1700000000;  // Tue, 14 Nov 2023 22:13:20 GMT
  EXPECT_EQ(parse_retry_after("2", now), milliseconds(2000));
  EXPECT_EQ(parse_retry_after(" 120 ", now), milliseconds(120'000));
  EXPECT_EQ(parse_retry_after("Tue, 14 Nov 2023 22:13:25 GMT", now), milliseconds(5000));
  EXPECT_EQ(parse_retry_after("Tue, 14 Nov 2023 22:13:00 GMT", now), milliseconds(0));  // in the past
  EXPECT_FALSE(parse_retry_after("soon", now).has_value());
  EXPECT_FALSE(parse_retry_after("-5", now).has_value());
  EXPECT_FALSE(parse_retry_after("", now).has_value());
}

TEST(HttpDate, ParsesImfFixdate) {
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777);
  EXPECT_FALSE(parse_http_date("Sun, 06 Nov 1994 08:49:37 PST").has_value());
  EXPECT_FALSE(parse_http_date("yesterday").has_value());
}

}  // namespace
}  // namespace tcfeed::net
