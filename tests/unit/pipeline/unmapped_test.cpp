// The unmapped-reason table: each reason one distinct short code (a metric label) and a readable
// text.
#include "lib/pipeline/connector/unmapped.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <set>
#include <string>

namespace tcfeed::pipeline {
namespace {

constexpr std::size_t kReasons = static_cast<std::size_t>(Unmapped::AssociationUnresolved) + 1;

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
  EXPECT_EQ(unmapped_code(Unmapped::Malformed), "malformed_row");
  EXPECT_EQ(unmapped_code(Unmapped::Oversized), "oversized_record");
  EXPECT_EQ(unmapped_code(Unmapped::TooDeep), "too_deep");
  EXPECT_EQ(unmapped_code(Unmapped::Offline), "offline");
  EXPECT_EQ(unmapped_code(Unmapped::BelowMinConfidence), "below_min_confidence");
  EXPECT_EQ(unmapped_code(Unmapped::IocTypeNotSelected), "ioc_type_not_selected");
  EXPECT_EQ(unmapped_code(Unmapped::UnknownIocType), "unknown_ioc_type");
  EXPECT_EQ(unmapped_code(Unmapped::MalformedIpPort), "malformed_ip_port");
  EXPECT_EQ(unmapped_code(Unmapped::MalformedHash), "malformed_hash");
  EXPECT_EQ(unmapped_code(Unmapped::NoHash), "no_hash");
  EXPECT_EQ(unmapped_code(Unmapped::MissingId), "missing_id");
  EXPECT_EQ(unmapped_code(Unmapped::MissingValue), "missing_value");
  EXPECT_EQ(unmapped_code(Unmapped::UnmappedType), "unmapped_type");
  EXPECT_EQ(unmapped_code(Unmapped::BrokenQuote), "broken_quote");
  EXPECT_EQ(unmapped_code(Unmapped::AlreadyRead), "already_read");
  EXPECT_EQ(unmapped_code(Unmapped::BeforeBackfill), "before_backfill");
  EXPECT_EQ(unmapped_code(Unmapped::Filtered), "filtered");
}

// A record the reader could not parse leaves a full list incomplete; one the connector read and
// chose not to map (or could not type) does not.
TEST(Unmapped, OnlyFormatFailuresAreUnread) {
  for (const Unmapped reason : {Unmapped::Malformed, Unmapped::Oversized, Unmapped::TooDeep, Unmapped::BrokenQuote})
    EXPECT_TRUE(unmapped_unread(reason)) << unmapped_code(reason);
  for (const Unmapped reason : {Unmapped::Offline, Unmapped::MissingValue, Unmapped::UnmappedType, Unmapped::MissingId})
    EXPECT_FALSE(unmapped_unread(reason)) << unmapped_code(reason);
}

// Skipped is what the configuration or the cursor left out; the rest could not be mapped.
TEST(Unmapped, SkipsAreToldApartFromRecordsThatCouldNotBeMapped) {
  for (const auto reason : {Unmapped::Offline, Unmapped::BelowMinConfidence, Unmapped::IocTypeNotSelected,
                            Unmapped::AlreadyRead, Unmapped::BeforeBackfill, Unmapped::Filtered}) {
    EXPECT_TRUE(unmapped_skip(reason)) << unmapped_code(reason);
    EXPECT_FALSE(unmapped_unread(reason)) << unmapped_code(reason);
  }
  for (const auto reason : {Unmapped::Malformed, Unmapped::BrokenQuote, Unmapped::MissingValue, Unmapped::NoHash}) {
    EXPECT_FALSE(unmapped_skip(reason)) << unmapped_code(reason);
  }
}

}  // namespace
}  // namespace tcfeed::pipeline
