// url_host: the host of a URL as written, shared by the allowlist and urlhaus host_as.
#include "lib/indicators/url_host.hpp"

#include <gtest/gtest.h>

namespace tcfeed::indicators {
namespace {

TEST(UrlHost, TheAuthorityWithoutUserinfoOrPort) {
  EXPECT_EQ(url_host("https://bücher.example/a"), "bücher.example");
  EXPECT_EQ(url_host("http://h"), "h");
  EXPECT_EQ(url_host("http://user:pw@host.example:8080/p?q#f"), "host.example");
  EXPECT_EQ(url_host("http://a@b@host.example/"), "host.example");  // the last '@' ends the userinfo
  EXPECT_EQ(url_host("http://host.example?q=http://other.example/"), "host.example");
  EXPECT_EQ(url_host("http://host.example#frag"), "host.example");
  EXPECT_EQ(url_host("http://host.example/p@other.example"), "host.example");  // an '@' past the authority
  EXPECT_EQ(url_host("http://host.example"), "host.example");
  EXPECT_EQ(url_host("http://"), "");
}

TEST(UrlHost, AnIpv6LiteralWithoutItsBrackets) {
  EXPECT_EQ(url_host("http://[2001:db8::1]:8080/x"), "2001:db8::1");
  EXPECT_EQ(url_host("http://[2001:db8::1/x"), "");  // the bracket never closes
  // Fuzzing (corpus: urlhaus_mapper_fuzz/crash-nested-bracket): a second '[' made a host of "[2001:db8::1".
  EXPECT_EQ(url_host("http://user:pw@[[2001:db8::1]:8080/"), "");
}

TEST(UrlHost, NothingWithoutAScheme) {
  EXPECT_EQ(url_host("no scheme"), "");
  EXPECT_EQ(url_host("host.example/path"), "");
}

}  // namespace
}  // namespace tcfeed::indicators
