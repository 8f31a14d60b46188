#include "lib/core/duration.hpp"

#include <gtest/gtest.h>

namespace tcfeed {
namespace {

TEST(Duration, ParsesUnitsAndCombinations) {
  EXPECT_EQ(parse_duration("20s"), Duration(20'000));
  EXPECT_EQ(parse_duration("15m"), Duration(900'000));
  EXPECT_EQ(parse_duration("7d"), Duration(604'800'000));
  EXPECT_EQ(parse_duration("1h30m"), Duration(5'400'000));
  EXPECT_EQ(parse_duration("250ms"), Duration(250));
}

TEST(Duration, RejectsWhatIsNotADuration) {
  for (const char* bad : {"", "15", "m", "15x", "1.5h", "-3s", "15 m", "99999999999999999999d"}) {
    EXPECT_FALSE(parse_duration(bad).has_value()) << bad;
  }
}

TEST(Duration, FormatsBack) {
  EXPECT_EQ(format_duration(Duration(5'400'000)), "1h30m");
  EXPECT_EQ(format_duration(Duration(0)), "0s");
}

}  // namespace
}  // namespace tcfeed
