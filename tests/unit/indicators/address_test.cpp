#include <gtest/gtest.h>

#include "lib/indicators/address.hpp"
#include "tests/unit/indicators/case_table.hpp"

namespace tcfeed::indicators {
namespace {

using testing::Case;
using testing::expect_cases;

TEST(AddressTest, Ipv4) {
  expect_cases(IndicatorType::Address, {
                                           {"1.2.3.4", "1.2.3.4"},
                                           {"  10.0.0.1\t\n", "10.0.0.1"},
                                           {"0.0.0.0", "0.0.0.0"},
                                           {"255.255.255.255", "255.255.255.255"},
                                           {"1[.]2[.]3[.]4", "1.2.3.4"},
                                           {"1(.)2(.)3(.)4", "1.2.3.4"},
                                           {"[1.2.3.4]", "1.2.3.4"},
                                           {"999.1.1.1", "", Reject::Ipv4OctetOutOfRange},
                                           {"1.2.3.256", "", Reject::Ipv4OctetOutOfRange},
                                           {"1.2.3.1000", "", Reject::Ipv4OctetOutOfRange},
                                           {"01.2.3.4", "", Reject::Ipv4LeadingZero},
                                           {"1.2.3.00", "", Reject::Ipv4LeadingZero},
                                           {"1.2.3", "", Reject::InvalidAddress},
                                           {"1.2.3.4.5", "", Reject::InvalidAddress},
                                           {"1.2.3.4x", "", Reject::InvalidAddress},
                                           {"1.2.3.4/32", "", Reject::InvalidAddress},
                                           {"1.2..4", "", Reject::InvalidAddress},
                                           {".1.2.3", "", Reject::InvalidAddress},
                                           {"1.2.3.", "", Reject::InvalidAddress},
                                           {"1.2.3.4 5", "", Reject::InvalidAddress},
                                           {"0x7f.0.0.1", "", Reject::InvalidAddress},
                                           {"2130706433", "", Reject::InvalidAddress},
                                           {"", "", Reject::Empty},
                                           {"   ", "", Reject::Empty},
                                           {std::string_view("1.2.3.4\0", 8), "", Reject::InvalidAddress},
                                       });
}

TEST(AddressTest, Ipv6Rfc5952) {
  expect_cases(IndicatorType::Address,
               {
                   {"2001:DB8::1", "2001:db8::1"},
                   {"2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"},
                   {"2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"},     // first of two equal runs
                   {"2001:db8:0:1:0:0:0:1", "2001:db8:0:1::1"},       // longest run wins
                   {"2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"},  // a single zero group stays
                   {"0:0:0:0:0:0:0:0", "::"},
                   {"0:0:0:0:0:0:0:1", "::1"},
                   {"1:0:0:0:0:0:0:0", "1::"},
                   {"[::1]", "::1"},
                   {" [2001:db8::a] ", "2001:db8::a"},
                   {"::ffff:1.2.3.4", "::ffff:1.2.3.4"},
                   {"::FFFF:0102:0304", "::ffff:1.2.3.4"},
                   {"::0.0.0.2", "::2"},  // IPv4-compatible is not kept mixed
                   {"::0:2:3", "::2:3"},
                   {"fe80::1%eth0", "", Reject::InvalidAddress},
                   {"2001:db8::1::1", "", Reject::InvalidAddress},
                   {"2001:db8:::1", "", Reject::InvalidAddress},
                   {"12345::1", "", Reject::InvalidAddress},
                   {"2001:db8::g", "", Reject::InvalidAddress},
                   {"[::1", "", Reject::InvalidAddress},
                   {"1:2:3:4:5:6:7:8:9", "", Reject::InvalidAddress},
               });
}

TEST(AddressTest, LongInputIsTooLong) {
  std::string out;
  EXPECT_EQ(normalize(IndicatorType::Address, std::string(300, '1'), out), Reject::TooLong);
  EXPECT_EQ(normalize(IndicatorType::Address, std::string(100, ':'), out), Reject::InvalidAddress);
}

TEST(AddressTest, UncompressedForm) {
  IpAddress ip;
  ASSERT_EQ(parse_ip_address("abc:def:10::", ip), Reject::None);
  std::string out;
  append_ip_address_uncompressed(ip, out);
  EXPECT_EQ(out, "abc:def:10:0:0:0:0:0");
}

}  // namespace
}  // namespace tcfeed::indicators
