// parse_id: the record ids and cursor positions of urlhaus, threatfox and the generic connectors.
#include "connectors/record_id.hpp"

#include <gtest/gtest.h>

namespace tcfeed::connectors {
namespace {

TEST(RecordId, APositiveDecimalWithSurroundingWhitespace) {
  EXPECT_EQ(parse_id("2843720"), 2843720);
  EXPECT_EQ(parse_id(" 7\t"), 7);
  EXPECT_EQ(parse_id("9223372036854775807"), INT64_MAX);
}

TEST(RecordId, NothingElse) {
  for (const char* text : {"", " ", "0", "-3", "+3", "3x", "3 4", "0x10", "9223372036854775808"}) {
    EXPECT_EQ(parse_id(text), std::nullopt) << "'" << text << "'";
  }
}

}  // namespace
}  // namespace tcfeed::connectors
