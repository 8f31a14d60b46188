// Allowlist::explain names the entry or built-in range that dropped a value (docs/audit.md), the
// "rule" of the audit file and of `tcfeed why`.
#include <gtest/gtest.h>

#include "lib/pipeline/stream/allowlist.hpp"

namespace tcfeed::pipeline {
namespace {

using indicators::IndicatorType;

TEST(AllowlistExplain, NamesTheEntryOrTheReservedRange) {
  Allowlist allowlist;
  ASSERT_TRUE(allowlist.add_builtin("reserved-ip-ranges"));
  for (const char* entry : {"*.corp.example", "203.0.114.0/24", "198.18.7.7", "URL=http://exact.example/x",
                            "d41d8cd98f00b204e9800998ecf8427e", "Mutex=Global\\abc"}) {
    ASSERT_FALSE(allowlist.add(entry)) << entry;
  }
  EXPECT_EQ(allowlist.explain(IndicatorType::Host, "www.corp.example"), "corp.example");
  EXPECT_EQ(allowlist.explain(IndicatorType::URL, "http://a.b.corp.example/p"), "corp.example");
  EXPECT_EQ(allowlist.explain(IndicatorType::URL, "http://exact.example/x"), "URL=http://exact.example/x");
  EXPECT_EQ(allowlist.explain(IndicatorType::Address, "203.0.114.9"), "203.0.114.0/24");
  // The operator's entry first, as match() asks it first: 198.18.7.7 is in a reserved range too.
  EXPECT_EQ(allowlist.explain(IndicatorType::Address, "198.18.7.7"), "198.18.7.7");
  EXPECT_EQ(allowlist.explain(IndicatorType::Address, "192.168.1.1"),
            "reserved-ip-ranges 192.168.0.0/16 (Private-Use (RFC 1918))");
  EXPECT_EQ(allowlist.explain(IndicatorType::URL, "http://10.1.2.3/x"),
            "reserved-ip-ranges 10.0.0.0/8 (Private-Use (RFC 1918))");
  EXPECT_EQ(allowlist.explain(IndicatorType::CIDR, "203.0.114.128/25"), "203.0.114.0/24");
  EXPECT_EQ(allowlist.explain(IndicatorType::File, "d41d8cd98f00b204e9800998ecf8427e"),
            "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(allowlist.explain(IndicatorType::Mutex, "Global\\abc"), "Mutex=Global\\abc");
  // An IPv6 address that embeds a reserved IPv4 address is held by the list, through that address.
  EXPECT_TRUE(allowlist.explain(IndicatorType::Address, "::ffff:10.0.0.1").has_value());
  // Nothing where match() finds nothing.
  EXPECT_FALSE(allowlist.explain(IndicatorType::Host, "corp.example.net"));
  EXPECT_FALSE(allowlist.explain(IndicatorType::Address, "8.8.8.8"));
}

}  // namespace
}  // namespace tcfeed::pipeline
