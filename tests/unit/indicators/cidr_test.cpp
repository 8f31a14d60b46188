#include <gtest/gtest.h>

#include "lib/indicators/cidr.hpp"
#include "tests/unit/indicators/case_table.hpp"

namespace tcfeed::indicators {
namespace {

using testing::Case;
using testing::expect_cases;

TEST(CidrTest, Ipv4) {
  expect_cases(IndicatorType::CIDR, {
                                        {"10.0.0.0/8", "10.0.0.0/8"},
                                        {"10.1.2.3/8", "10.0.0.0/8"},  // host bits cleared
                                        {"192.168.1.255/23", "192.168.0.0/23"},
                                        {"1.2.3.4/32", "1.2.3.4/32"},
                                        {"1.2.3.4/0", "0.0.0.0/0"},
                                        {" 192[.]0[.]2[.]0/24 ", "192.0.2.0/24"},
                                        {"1.2.3.4/08", "1.0.0.0/8"},
                                        {"1.2.3.4/33", "", Reject::CidrInvalidPrefix},
                                        {"1.2.3.4/", "", Reject::CidrInvalidPrefix},
                                        {"1.2.3.4/x", "", Reject::CidrInvalidPrefix},
                                        {"1.2.3.4/-1", "", Reject::CidrInvalidPrefix},
                                        {"1.2.3.4/1000", "", Reject::CidrInvalidPrefix},
                                        {"1.2.3.4", "", Reject::CidrMissingPrefix},
                                        {"1.2.3/24", "", Reject::InvalidAddress},
                                        {"01.2.3.0/24", "", Reject::Ipv4LeadingZero},
                                        {"example.com/24", "", Reject::InvalidAddress},
                                        {"", "", Reject::Empty},
                                    });
}

TEST(CidrTest, Ipv6IsUncompressed) {
  expect_cases(IndicatorType::CIDR, {
                                        {"abc:def:10::/48", "abc:def:10:0:0:0:0:0/48"},
                                        {"0ABC:0DEF:0010:0000:0000:0000:0000:0000/48", "abc:def:10:0:0:0:0:0/48"},
                                        {"2001:db8::1/32", "2001:db8:0:0:0:0:0:0/32"},
                                        {"2001:db8:ffff::/33", "2001:db8:8000:0:0:0:0:0/33"},
                                        {"::/0", "0:0:0:0:0:0:0:0/0"},
                                        {"::1/128", "0:0:0:0:0:0:0:1/128"},
                                        {"2001:db8::/129", "", Reject::CidrInvalidPrefix},
                                        {"2001:db8::", "", Reject::CidrMissingPrefix},
                                        {"2001:db8:::/32", "", Reject::InvalidAddress},
                                    });
}

TEST(CidrTest, Contains) {
  IpNetwork network;
  ASSERT_EQ(parse_cidr("192.168.0.0/16", network), Reject::None);
  IpAddress inside;
  IpAddress outside;
  IpAddress v6;
  ASSERT_EQ(parse_ip_address("192.168.200.1", inside), Reject::None);
  ASSERT_EQ(parse_ip_address("192.169.0.1", outside), Reject::None);
  ASSERT_EQ(parse_ip_address("::ffff:192.168.0.1", v6), Reject::None);
  EXPECT_TRUE(network.contains(inside));
  EXPECT_FALSE(network.contains(outside));
  EXPECT_FALSE(network.contains(v6));
}

}  // namespace
}  // namespace tcfeed::indicators
