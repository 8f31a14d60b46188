#include "lib/exports/address_collapse.hpp"

#include <gtest/gtest.h>

namespace tcfeed::exports {
namespace {

std::uint32_t ip(const char* text) { return *parse_ipv4(text); }

TEST(AddressCollapse, ParsesDottedQuadsOnly) {
  EXPECT_EQ(parse_ipv4("192.0.2.1"), 0xC0000201u);
  EXPECT_FALSE(parse_ipv4("192.0.2"));
  EXPECT_FALSE(parse_ipv4("192.0.2.256"));
  EXPECT_FALSE(parse_ipv4("192.0.2.01"));
  EXPECT_FALSE(parse_ipv4("::1"));
  EXPECT_FALSE(parse_ipv4("1.2.3.4/32"));
}

TEST(AddressCollapse, MergesAlignedRunsIntoBlocks) {
  std::vector<std::uint32_t> all;
  for (std::uint32_t i = 0; i < 256; ++i) all.push_back(ip("198.51.100.0") + i);
  EXPECT_EQ(collapse_ipv4(all), std::vector<std::string>{"198.51.100.0/24"});
}

TEST(AddressCollapse, AnUnalignedRunTakesTheFewestBlocks) {
  // .1 … .6: .1, .2/31, .4/31, .6
  std::vector<std::uint32_t> run;
  for (std::uint32_t i = 1; i <= 6; ++i) run.push_back(ip("203.0.113.0") + i);
  EXPECT_EQ(collapse_ipv4(run),
            (std::vector<std::string>{"203.0.113.1", "203.0.113.2/31", "203.0.113.4/31", "203.0.113.6"}));
}

TEST(AddressCollapse, KeepsApartWhatIsApartAndDropsRepeats) {
  EXPECT_EQ(collapse_ipv4({ip("10.0.0.9"), ip("10.0.0.1"), ip("10.0.0.9")}),
            (std::vector<std::string>{"10.0.0.1", "10.0.0.9"}));
  EXPECT_EQ(collapse_ipv4({0xFFFFFFFEu, 0xFFFFFFFFu}), std::vector<std::string>{"255.255.255.254/31"});
  EXPECT_TRUE(collapse_ipv4({}).empty());
}

}  // namespace
}  // namespace tcfeed::exports
