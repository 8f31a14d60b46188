#include "lib/core/percent_encode.hpp"

#include <gtest/gtest.h>

#include <string>

namespace tcfeed {
namespace {

TEST(PercentEncodeComponent, UnreservedCharactersPass) {
  const std::string unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
  EXPECT_EQ(percent_encode_component(unreserved), unreserved);
  EXPECT_EQ(percent_encode_component(""), "");
}

// The signature covers the bytes sent: a space must be %20 (a "+" would be signed as a plus and
// read as a space), and the hex is upper-case as RFC 3986 §2.1 asks.
TEST(PercentEncodeComponent, SpaceIsPercent20AndHexIsUpperCase) {
  EXPECT_EQ(percent_encode_component("Demo Organization"), "Demo%20Organization");
  EXPECT_EQ(percent_encode_component("a+b"), "a%2Bb");
  EXPECT_EQ(percent_encode_component("\x7f\xfe"), "%7F%FE");
}

TEST(PercentEncodeComponent, DelimitersOfAUrlAreEncoded) {
  EXPECT_EQ(percent_encode_component("http://a.b/c?d=e&f#g"), "http%3A%2F%2Fa.b%2Fc%3Fd%3De%26f%23g");
  EXPECT_EQ(percent_encode_component("typeName in (\"Host\")"), "typeName%20in%20%28%22Host%22%29");
  EXPECT_EQ(percent_encode_component("100%"), "100%25");
}

TEST(PercentEncodeComponent, EveryByteOutsideAsciiIsEncoded) {
  EXPECT_EQ(percent_encode_component("b\xC3\xBC"
                                     "cher"),
            "b%C3%BCcher");  // "bücher" in UTF-8
  EXPECT_EQ(percent_encode_component(std::string("a\0b", 3)), "a%00b");
  EXPECT_EQ(percent_encode_component("\t\r\n"), "%09%0D%0A");
}

}  // namespace
}  // namespace tcfeed
