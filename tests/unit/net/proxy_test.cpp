// The proxy settings and the gzip decoder on their own, without a network.
#include "lib/net/proxy.hpp"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lib/net/gzip_decoder.hpp"
#include "tests/unit/net/test_payloads.hpp"

namespace tcfeed::net {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string parse_error(const std::string& url) {
  try {
    parse_proxy_url(url);
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  return "<no error>";
}

TEST(ParseProxyUrl, HostPortAndUser) {
  const ProxyOptions plain = parse_proxy_url("http://proxy.corp.example:3128");
  EXPECT_EQ(plain.host, "proxy.corp.example");
  EXPECT_EQ(plain.port, 3128);
  EXPECT_EQ(plain.username, "");

  const ProxyOptions user = parse_proxy_url("HTTP://svc%40feed@Proxy.Example:8080/");
  EXPECT_EQ(user.host, "proxy.example");
  EXPECT_EQ(user.port, 8080);
  EXPECT_EQ(user.username, "svc@feed");
  EXPECT_TRUE(user.password.empty());

  const ProxyOptions v6 = parse_proxy_url("http://[::1]:8888");
  EXPECT_EQ(v6.host, "::1");
  EXPECT_EQ(v6.port, 8888);
}

TEST(ParseProxyUrl, RefusesWhatItCannotUseAndNeverEchoesCredentials) {
  EXPECT_THAT(parse_error("http://user:hunter2@proxy:3128"), HasSubstr("a password does not belong in the URL"));
  EXPECT_THAT(parse_error("http://user:hunter2@proxy:3128"), Not(HasSubstr("hunter2")));
  EXPECT_THAT(parse_error("http://user:hunter2@proxy:3128"), Not(HasSubstr("user")));
  EXPECT_THAT(parse_error("https://proxy:3128"), HasSubstr("only http://"));
  EXPECT_THAT(parse_error("socks5://proxy:1080"), HasSubstr("only http://"));
  EXPECT_THAT(parse_error("http://proxy"), HasSubstr("port is missing"));
  EXPECT_THAT(parse_error("http://proxy:0"), HasSubstr("port is missing"));
  EXPECT_THAT(parse_error("http://proxy:3128/path"), HasSubstr("no path"));
  EXPECT_THAT(parse_error("http://proxy:3128?x=1"), HasSubstr("no query"));
  EXPECT_THAT(parse_error("proxy:3128"), HasSubstr("invalid proxy URL"));
  EXPECT_THAT(parse_error("not a url"), HasSubstr("invalid proxy URL"));
}

TEST(BypassesProxy, MatchesLikeCurl) {
  const std::vector<std::string> list = {"example.com", ".internal", " 10.0.0.5 ", "[::1]", ""};
  EXPECT_TRUE(bypasses_proxy("example.com", list));
  EXPECT_TRUE(bypasses_proxy("api.example.com", list));
  EXPECT_TRUE(bypasses_proxy("API.Example.COM.", list));
  EXPECT_FALSE(bypasses_proxy("badexample.com", list));
  EXPECT_FALSE(bypasses_proxy("example.com.evil", list));
  EXPECT_TRUE(bypasses_proxy("internal", list));
  EXPECT_TRUE(bypasses_proxy("db.internal", list));
  EXPECT_TRUE(bypasses_proxy("10.0.0.5", list));
  EXPECT_FALSE(bypasses_proxy("10.0.0.50", list));
  EXPECT_TRUE(bypasses_proxy("::1", list));
  EXPECT_FALSE(bypasses_proxy("threatconnect.com", list));
  EXPECT_FALSE(bypasses_proxy("1.2.3.4", {"3.4"}));  // addresses match whole
  EXPECT_TRUE(bypasses_proxy("anything", {"*"}));
  EXPECT_FALSE(bypasses_proxy("anything", {}));
}

TEST(BasicProxyAuthorization, IsBase64OfUserColonPassword) {
  ProxyOptions proxy;
  proxy.username = "user";
  proxy.password = Secret("pass");
  EXPECT_EQ(basic_proxy_authorization(proxy).reveal(), "Basic dXNlcjpwYXNz");
}

TEST(GzipDecoder, DecodesByteByByteAndConcatenatedMembers) {
  const std::string plain = testing::sample_text(200000);
  const std::string compressed = testing::gzip(plain) + testing::gzip("tail");
  GzipDecoder decoder(1 << 20);
  std::string out;
  for (const char& byte : compressed) {
    decoder.feed(std::string_view(&byte, 1), [&](std::string_view piece) { out.append(piece); });
  }
  decoder.finish();
  EXPECT_EQ(out, plain + "tail");
}

TEST(GzipDecoder, RefusesCorruptTruncatedOversizedAndBombs) {
  const auto sink = [](std::string_view) {};
  GzipDecoder corrupt(1000);
  EXPECT_THROW(corrupt.feed("not gzip at all", sink), GzipError);

  const std::string compressed = testing::gzip(testing::sample_text(5000));
  GzipDecoder truncated(10000);
  truncated.feed(std::string_view(compressed).substr(0, compressed.size() / 2), sink);
  EXPECT_THROW(truncated.finish(), GzipError);

  GzipDecoder capped(4999);
  EXPECT_THROW(capped.feed(compressed, sink), GzipError);

  const std::string bomb = testing::gzip(std::string(8u << 20, '\0'));
  GzipDecoder ratio(64u << 20);
  try {
    ratio.feed(bomb, sink);
    FAIL() << "no GzipError";
  } catch (const GzipError& error) {
    EXPECT_THAT(error.what(), HasSubstr("more than 200:1"));
  }
  EXPECT_LE(ratio.bytes_out(), GzipDecoder::kRatioFreeBytes + 65536u);

  GzipDecoder empty(10);
  EXPECT_NO_THROW(empty.finish());  // no body at all (HEAD, 304) is not a truncated stream
}

}  // namespace
}  // namespace tcfeed::net
