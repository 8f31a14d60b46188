#include "lib/net/http_message.hpp"

#include <gtest/gtest.h>

namespace tcfeed::net {
namespace {

TEST(HttpResponseHeader, LookupIgnoresCase) {
  HttpResponse response;
  response.headers = {{"Content-Type", "application/json"}, {"Retry-After", "30"}};
  ASSERT_TRUE(response.header("retry-after").has_value());
  EXPECT_EQ(*response.header("retry-after"), "30");
  EXPECT_EQ(*response.header("CONTENT-TYPE"), "application/json");
}

TEST(HttpResponseHeader, FirstOfRepeatedHeadersWins) {
  HttpResponse response;
  response.headers = {{"Set-Cookie", "a=1"}, {"set-cookie", "b=2"}};
  EXPECT_EQ(*response.header("Set-Cookie"), "a=1");
}

TEST(HttpResponseHeader, MissingOrPrefixOnlyIsNone) {
  HttpResponse response;
  response.headers = {{"Content-Length", "3"}};
  EXPECT_FALSE(response.header("Content").has_value());
  EXPECT_FALSE(response.header("Content-Length2").has_value());
  EXPECT_FALSE(response.header("").has_value());
}

}  // namespace
}  // namespace tcfeed::net
