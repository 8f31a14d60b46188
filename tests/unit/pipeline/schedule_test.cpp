// The delay before a connector's next poll: the regular interval with jitter, backoff after a
// failure, and never sooner than a source asked (Retry-After, capped; a rate limit without one
// waits the regular interval).
#include "lib/pipeline/engine/schedule.hpp"

#include <gtest/gtest.h>

namespace tcfeed::pipeline {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

config::ScheduleConfig every(Duration interval, double jitter = 0) {
  config::ScheduleConfig schedule;
  schedule.every = interval;
  schedule.jitter = jitter;
  return schedule;
}

TEST(ScheduleTest, AfterAFailureBackoffDoublesFrom30sUpToTheInterval) {
  std::mt19937_64 random{1};
  const auto schedule = every(minutes(10));
  EXPECT_EQ(next_delay(schedule, 0, random), minutes(10));
  EXPECT_EQ(next_delay(schedule, 1, random), seconds(30));
  EXPECT_EQ(next_delay(schedule, 3, random), minutes(2));
  EXPECT_EQ(next_delay(schedule, 30, random), minutes(10));
}

TEST(ScheduleTest, ARetryAfterLongerThanTheBackoffIsWaitedOut) {
  std::mt19937_64 random{1};
  SourceAsk asked;
  asked.retry_after = seconds(90);
  EXPECT_EQ(next_delay(every(minutes(10)), 1, random, asked), seconds(90));
  // Even longer than the regular interval: the source decides when it can be asked again.
  asked.retry_after = minutes(45);
  EXPECT_EQ(next_delay(every(minutes(10)), 1, random, asked), minutes(45));
}

TEST(ScheduleTest, ARetryAfterShorterThanTheBackoffDoesNotHurryUs) {
  std::mt19937_64 random{1};
  SourceAsk asked;
  asked.retry_after = seconds(5);
  EXPECT_EQ(next_delay(every(minutes(10)), 3, random, asked), minutes(2));
}

TEST(ScheduleTest, ARetryAfterIsCappedAt24Hours) {
  std::mt19937_64 random{1};
  SourceAsk asked;
  asked.retry_after = std::chrono::hours(24 * 30);
  EXPECT_EQ(next_delay(every(minutes(10)), 1, random, asked), kMaxSourceWait);
}

TEST(ScheduleTest, ARateLimitWithoutRetryAfterWaitsTheRegularInterval) {
  std::mt19937_64 random{1};
  SourceAsk asked;
  asked.rate_limited = true;
  EXPECT_EQ(next_delay(every(minutes(10)), 1, random, asked), minutes(10));
}

TEST(ScheduleTest, JitterNeverTakesTheDelayBelowWhatTheSourceAsked) {
  std::mt19937_64 random{7};
  SourceAsk asked;
  asked.retry_after = seconds(30);  // the first backoff step exactly: jitter spreads it both ways
  for (int i = 0; i < 1000; ++i) {
    const auto delay = next_delay(every(minutes(10), 0.5), 1, random, asked);
    ASSERT_GE(delay, seconds(30));
    ASSERT_LE(delay, seconds(45));
  }
}

// A list's Expires (Spamhaus): after a successful poll, not before it, nor before `every`; at most
// a day; jitter only after it.
TEST(ScheduleTest, AfterASuccessAListsExpiresIsWaitedFor) {
  std::mt19937_64 random{3};
  const auto hourly = every(std::chrono::hours(1));
  EXPECT_EQ(next_delay(hourly, 0, random, {}, std::chrono::hours(5)), std::chrono::hours(5));
  EXPECT_EQ(next_delay(hourly, 0, random, {}, minutes(20)), std::chrono::hours(1));
  EXPECT_EQ(next_delay(hourly, 0, random, {}, std::chrono::hours(24 * 9)), kMaxSourceWait);
  EXPECT_EQ(next_delay(every(std::chrono::hours(48)), 0, random, {}, std::chrono::hours(5)), std::chrono::hours(48));
  // A failed poll read no list: its Expires is not this poll's word, the backoff applies.
  EXPECT_EQ(next_delay(hourly, 1, random, {}, std::chrono::hours(5)), seconds(30));
  for (int i = 0; i < 1000; ++i) {
    const auto delay = next_delay(every(std::chrono::hours(1), 0.1), 0, random, {}, std::chrono::hours(5));
    ASSERT_GE(delay, std::chrono::hours(5));
    ASSERT_LE(delay, std::chrono::hours(5) + minutes(6));
  }
}

}  // namespace
}  // namespace tcfeed::pipeline
