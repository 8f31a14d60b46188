#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lib/indicators/address.hpp"
#include "lib/indicators/cidr.hpp"
#include "lib/indicators/normalize.hpp"
#include "lib/pipeline/stream/allowlist.hpp"
#include "lib/pipeline/stream/reserved_ranges.hpp"

namespace tcfeed::pipeline {
namespace {

using indicators::IndicatorType;

struct IpCase {
  std::string_view value;  // already normalized
  bool reserved;
};

Allowlist reserved_only() {
  Allowlist allowlist;
  EXPECT_TRUE(allowlist.add_builtin("reserved-ip-ranges"));
  return allowlist;
}

void expect_addresses(const Allowlist& allowlist, const std::vector<IpCase>& cases) {
  for (const IpCase& c : cases) {
    const auto reason = allowlist.match(IndicatorType::Address, c.value);
    EXPECT_EQ(reason.has_value(), c.reserved) << c.value;
    if (reason) {
      EXPECT_EQ(*reason, "allowlist:reserved-ip-ranges") << c.value;
    }
  }
}

TEST(ReservedRangesTest, TableEntriesAreCanonicalNetworks) {
  for (const auto& table : {reserved_ranges(), ipv4_embedding_prefixes()}) {
    for (const ReservedRange& range : table) {
      indicators::IpNetwork network;
      ASSERT_EQ(indicators::parse_cidr(range.cidr, network), indicators::Reject::None) << range.cidr;
      // No host bits: a typo like 172.16.0.1/12 would mean something else than it says.
      const std::string_view address = range.cidr.substr(0, range.cidr.find('/'));
      indicators::IpAddress written;
      ASSERT_EQ(indicators::parse_ip_address(address, written), indicators::Reject::None) << range.cidr;
      EXPECT_EQ(written, network.network) << range.cidr;
      EXPECT_FALSE(range.name.empty()) << range.cidr;
    }
  }
}

TEST(ReservedRangesTest, Ipv4Boundaries) {
  expect_addresses(reserved_only(),
                   {
                       {"0.0.0.0", true},         {"0.255.255.255", true},   {"1.0.0.0", false},
                       {"9.255.255.255", false},  {"10.0.0.0", true},        {"10.255.255.255", true},
                       {"11.0.0.0", false},       {"100.63.255.255", false}, {"100.64.0.0", true},
                       {"100.127.255.255", true}, {"100.128.0.0", false},    {"127.0.0.1", true},
                       {"169.254.1.1", true},     {"169.255.0.0", false},    {"172.15.255.255", false},
                       {"172.16.0.0", true},      {"172.31.255.255", true},  {"172.32.0.0", false},
                       {"192.0.0.170", true},     {"192.0.1.0", false},      {"192.0.2.1", true},
                       {"192.88.99.1", true},     {"192.168.0.0", true},     {"192.168.255.255", true},
                       {"192.169.0.0", false},    {"198.17.255.255", false}, {"198.18.0.0", true},
                       {"198.19.255.255", true},  {"198.20.0.0", false},     {"198.51.100.7", true},
                       {"203.0.113.255", true},   {"203.0.114.0", false},    {"223.255.255.255", false},
                       {"224.0.0.1", true},       {"239.255.255.255", true}, {"240.0.0.0", true},
                       {"255.255.255.255", true}, {"8.8.8.8", false},        {"1.1.1.1", false},
                       {"192.31.196.1", false},  // AS112-v4: globally reachable, deliberately not listed
                   });
}

TEST(ReservedRangesTest, Ipv6Boundaries) {
  expect_addresses(reserved_only(), {
                                        {"::", true},
                                        {"::1", true},
                                        {"::2", false},
                                        {"2001:db8::1", true},
                                        {"2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", true},
                                        {"2001:db9::", false},
                                        {"2001::1", true},           // Teredo, inside 2001::/23
                                        {"2001:1ff:ffff::1", true},  // last of 2001::/23
                                        {"2001:200::1", false},      // first address after it
                                        {"64:ff9b:1::1", true},
                                        {"100::1", true},
                                        {"100:0:0:1::", false},
                                        {"3fff::1", true},
                                        {"5f00::1", true},
                                        {"fc00::1", true},
                                        {"fdff:ffff::1", true},
                                        {"fe00::1", false},
                                        {"fe80::1", true},
                                        {"febf:ffff::1", true},
                                        {"fec0::1", false},
                                        {"ff02::1", true},
                                        {"2606:4700::1111", false},
                                        {"2a00:1450:4001::200e", false},
                                    });
}

TEST(ReservedRangesTest, EmbeddedIpv4IsCheckedAgainstIpv4Ranges) {
  expect_addresses(reserved_only(), {
                                        {"::ffff:192.168.1.1", true},
                                        {"::ffff:10.0.0.1", true},
                                        {"::ffff:8.8.8.8", false},
                                        {"64:ff9b::c0a8:101", true},  // 192.168.1.1 through the NAT64 well-known prefix
                                        {"64:ff9b::808:808", false},  // 8.8.8.8
                                        {"2002:c0a8:101::1", true},   // 6to4 of 192.168.1.1
                                        {"2002:808:808::1", false},   // 6to4 of 8.8.8.8
                                    });
}

// IpRangeSet keeps its own numeric copy of the embedding prefixes; each listed prefix must behave.
TEST(ReservedRangesTest, EveryEmbeddingPrefixCarriesIpv4AfterThePrefix) {
  IpRangeSet set;
  indicators::IpNetwork ten;
  ASSERT_EQ(indicators::parse_cidr("10.0.0.0/8", ten), indicators::Reject::None);
  set.add(ten);
  set.finalize();
  for (const ReservedRange& range : ipv4_embedding_prefixes()) {
    indicators::IpNetwork prefix;
    ASSERT_EQ(indicators::parse_cidr(range.cidr, prefix), indicators::Reject::None);
    ASSERT_EQ(prefix.prefix_length % 8, 0U);
    for (const auto& [first_octet, inside] : {std::pair{10, true}, std::pair{11, false}}) {
      indicators::IpAddress ip = prefix.network;
      const unsigned offset = prefix.prefix_length / 8;
      ip.bytes[offset] = static_cast<std::uint8_t>(first_octet);
      ip.bytes[offset + 3] = 1;
      EXPECT_EQ(set.contains(ip), inside) << range.cidr << " with " << first_octet << ".0.0.1";
    }
    indicators::IpAddress outside_prefix = prefix.network;
    outside_prefix.bytes[0] ^= 0x80;
    outside_prefix.bytes[prefix.prefix_length / 8] = 10;
    EXPECT_FALSE(set.contains(outside_prefix)) << range.cidr;
  }
}

TEST(ReservedRangesTest, CidrMustLieWhollyInside) {
  const Allowlist allowlist = reserved_only();
  const std::vector<IpCase> cases = {
      {"10.1.0.0/16", true},
      {"10.0.0.0/8", true},
      {"10.0.0.0/7", false},  // extends into 11.0.0.0/8
      {"172.16.0.0/12", true},
      {"172.0.0.0/8", false},
      {"224.0.0.0/3", true},    // multicast and reserved merge into one interval
      {"192.0.0.0/22", false},  // 192.0.1.0/24 is public
      {"198.18.0.0/15", true},
      {"0.0.0.0/0", false},
      {"2001:db8:0:0:0:0:0:0/48", true},
      {"2001:db8:0:0:0:0:0:0/31", false},
      {"fc00:0:0:0:0:0:0:0/7", true},
      {"0:0:0:0:0:ffff:c0a8:0/112", true},   // ::ffff:192.168.0.0/112 = 192.168.0.0/16
      {"0:0:0:0:0:ffff:c0a8:0/104", false},  // = 192.0.0.0/8
      {"2002:a00:0:0:0:0:0:0/24", true},     // 6to4 of 10.0.0.0/8
  };
  for (const IpCase& c : cases) {
    std::string normalized;
    ASSERT_EQ(indicators::normalize(IndicatorType::CIDR, c.value, normalized), indicators::Reject::None) << c.value;
    EXPECT_EQ(allowlist.match(IndicatorType::CIDR, normalized).has_value(), c.reserved) << c.value;
  }
}

TEST(ReservedRangesTest, BuiltinNames) {
  Allowlist allowlist;
  EXPECT_FALSE(allowlist.add_builtin("reserved-ranges"));
  EXPECT_FALSE(allowlist.add_builtin(""));
  EXPECT_EQ(allowlist.size(), 0U);
  EXPECT_FALSE(allowlist.match(IndicatorType::Address, "10.0.0.1"));
  EXPECT_EQ(Allowlist::builtin_names(), std::vector<std::string_view>{"reserved-ip-ranges"});
  for (std::string_view name : Allowlist::builtin_names()) EXPECT_TRUE(allowlist.add_builtin(name));
  const std::size_t size = allowlist.size();
  EXPECT_EQ(size, reserved_ranges().size());
  EXPECT_TRUE(allowlist.add_builtin("reserved-ip-ranges"));  // twice is harmless
  EXPECT_EQ(allowlist.size(), size);
}

TEST(IpRangeSetTest, MergesAdjacentAndOverlappingIntervals) {
  IpRangeSet set;
  for (std::string_view cidr : {"10.0.0.0/9", "10.128.0.0/9", "10.64.0.0/10", "255.255.255.255/32", "::/0"}) {
    indicators::IpNetwork network;
    ASSERT_EQ(indicators::parse_cidr(cidr, network), indicators::Reject::None);
    set.add(network);
  }
  set.finalize();
  indicators::IpNetwork whole;
  ASSERT_EQ(indicators::parse_cidr("10.0.0.0/8", whole), indicators::Reject::None);
  EXPECT_TRUE(set.contains(whole));  // only true if the two /9 halves merged
  indicators::IpAddress ip;
  ASSERT_EQ(indicators::parse_ip_address("255.255.255.255", ip), indicators::Reject::None);
  EXPECT_TRUE(set.contains(ip));
  ASSERT_EQ(indicators::parse_ip_address("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", ip), indicators::Reject::None);
  EXPECT_TRUE(set.contains(ip));
  ASSERT_EQ(indicators::parse_ip_address("11.0.0.0", ip), indicators::Reject::None);
  EXPECT_FALSE(set.contains(ip));
}

}  // namespace
}  // namespace tcfeed::pipeline
