// The unmapped-reason table: each reason one distinct, readable label, and the labels operators
// already select on kept as they were.
#include "lib/pipeline/connector/unmapped.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <set>
#include <string>

namespace tcfeed::pipeline {
namespace {

constexpr std::size_t kReasons = static_cast<std::size_t>(Unmapped::BrokenQuote) + 1;

Unmapped nth(std::size_t i) { return static_cast<Unmapped>(i); }

TEST(Unmapped, EveryReasonHasItsOwnCodeAndAText) {
  std::set<std::string_view> codes;
  for (std::size_t i = 0; i < kReasons; ++i) {
    const auto code = unmapped_code(nth(i));
    EXPECT_FALSE(code.empty()) << i;
    EXPECT_NE(code, "unknown") << i;
    EXPECT_FALSE(unmapped_text(nth(i)).empty()) << i;
    EXPECT_NE(unmapped_text(nth(i)), "unknown reason") << i;
    EXPECT_TRUE(codes.insert(code).second) << "code '" << code << "' is used twice";
  }
}

TEST(Unmapped, ACodeReadsBackAsItsReason) {
  for (std::size_t i = 0; i < kReasons; ++i) EXPECT_EQ(unmapped_from_code(unmapped_code(nth(i))), nth(i)) << i;
  EXPECT_EQ(unmapped_from_code("malformed record"), std::nullopt);  // the json connector's old split label
  EXPECT_EQ(unmapped_from_code(""), std::nullopt);
}

TEST(Unmapped, AValueOutsideTheEnumRendersAsUnknown) {
  EXPECT_EQ(unmapped_code(nth(kReasons)), "unknown");
  EXPECT_EQ(unmapped_text(nth(kReasons)), "unknown reason");
}

// tcfeed_unmapped_total{reason=...} as the connectors wrote it before the table: alerts and
// dashboards select on these, so a rename must be deliberate.
TEST(Unmapped, CodesAreTheLabelsInUse) {
  EXPECT_EQ(unmapped_code(Unmapped::Malformed), "malformed row");
  EXPECT_EQ(unmapped_code(Unmapped::Oversized), "oversized record");
  EXPECT_EQ(unmapped_code(Unmapped::TooDeep), "too deeply nested");
  EXPECT_EQ(unmapped_code(Unmapped::Offline), "offline");
  EXPECT_EQ(unmapped_code(Unmapped::BelowMinConfidence), "below min_confidence");
  EXPECT_EQ(unmapped_code(Unmapped::IocTypeNotSelected), "ioc_type not selected");
  EXPECT_EQ(unmapped_code(Unmapped::UnknownIocType), "unknown ioc_type");
  EXPECT_EQ(unmapped_code(Unmapped::MalformedIpPort), "malformed ip:port");
  EXPECT_EQ(unmapped_code(Unmapped::MalformedHash), "malformed hash");
  EXPECT_EQ(unmapped_code(Unmapped::NoHash), "no hash");
  EXPECT_EQ(unmapped_code(Unmapped::MissingId), "missing id");
  EXPECT_EQ(unmapped_code(Unmapped::MissingValue), "missing value");
  EXPECT_EQ(unmapped_code(Unmapped::UnmappedType), "unmapped type");
  EXPECT_EQ(unmapped_code(Unmapped::BrokenQuote), "broken quote");
}

// A record the reader could not parse leaves a full list incomplete; one the connector read and
// chose not to map (or could not type) does not.
TEST(Unmapped, OnlyFormatFailuresAreUnread) {
  for (const Unmapped reason : {Unmapped::Malformed, Unmapped::Oversized, Unmapped::TooDeep, Unmapped::BrokenQuote})
    EXPECT_TRUE(unmapped_unread(reason)) << unmapped_code(reason);
  for (const Unmapped reason : {Unmapped::Offline, Unmapped::MissingValue, Unmapped::UnmappedType, Unmapped::MissingId})
    EXPECT_FALSE(unmapped_unread(reason)) << unmapped_code(reason);
}

}  // namespace
}  // namespace tcfeed::pipeline
