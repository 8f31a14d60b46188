#include "lib/pipeline/source_access.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace tcfeed::pipeline {
namespace {

// Reads the connector keys of `yaml` (a mapping) the way a connector factory does.
SourceAccess access_from(const std::string& yaml, const config::Config& global = {}) {
  config::MapReader keys(YAML::Load(yaml), "feeds.yaml", "connectors[0]");
  return read_source_access(keys, global);
}

std::string header(const FetchRequest& request, std::string_view name) {
  for (const auto& h : request.headers) {
    if (h.name == name) return h.value;
  }
  return "<absent>";
}

TEST(SourceAccess, EachSchemeCarriesTheSecret) {
  ::setenv("TCFEED_TEST_FEED_KEY", "s3cr3t key", 1);
  FetchRequest request;
  request.url = "https://feed.example/x.csv";
  access_from("{auth_header: X-OTX-API-KEY, auth_secret_env: TCFEED_TEST_FEED_KEY}").apply(request);
  EXPECT_EQ(header(request, "X-OTX-API-KEY"), "s3cr3t key");

  request = FetchRequest{};
  request.url = "https://feed.example/x.csv?a=1";
  access_from("{auth_query: auth-key, auth_secret_env: TCFEED_TEST_FEED_KEY}").apply(request);
  EXPECT_EQ(request.url, "https://feed.example/x.csv?a=1&auth-key=s3cr3t%20key");

  request = FetchRequest{};
  request.url = "https://feed.example/x.csv";
  access_from("{auth_bearer: true, auth_secret_env: TCFEED_TEST_FEED_KEY}").apply(request);
  EXPECT_EQ(header(request, "Authorization"), "Bearer s3cr3t key");

  request = FetchRequest{};
  request.url = "https://feed.example/x.csv";
  access_from("{auth_basic_user: analyst, auth_secret_env: TCFEED_TEST_FEED_KEY}").apply(request);
  EXPECT_EQ(header(request, "Authorization"), "Basic YW5hbHlzdDpzM2NyM3Qga2V5");  // analyst:s3cr3t key
}

TEST(SourceAccess, RefusesAmbiguousOrIncompleteAuth) {
  EXPECT_THROW(access_from("{auth_header: A, auth_bearer: true, auth_secret_env: X}"), config::ConfigError);
  EXPECT_THROW(access_from("{auth_header: A}"), config::ConfigError);
  EXPECT_THROW(access_from("{auth_secret_env: X}"), config::ConfigError);
  EXPECT_THROW(access_from("{auth_header: A, auth_secret: inline}"), config::ConfigError);
  FetchRequest plain;
  plain.url = "file:///tmp/x";
  ::setenv("TCFEED_TEST_FEED_KEY", "k", 1);
  EXPECT_THROW(access_from("{auth_query: key, auth_secret_env: TCFEED_TEST_FEED_KEY}").apply(plain), SourceError);
}

TEST(SourceAccess, ProxyFallsBackToThePlatformsUnlessTheConnectorHasOne) {
  config::Config global;
  global.threatconnect.proxy = "http://proxy.corp:3128";
  global.threatconnect.no_proxy = {".corp.example"};
  FetchRequest request;
  request.url = "https://feed.example/x";
  access_from("{}", global).apply(request);
  ASSERT_TRUE(request.proxy.has_value());
  EXPECT_EQ(request.proxy->host, "proxy.corp");
  EXPECT_EQ(request.no_proxy, (std::vector<std::string>{".corp.example"}));

  request = FetchRequest{};
  access_from("{proxy: 'http://edge:8080', no_proxy: []}", global).apply(request);
  ASSERT_TRUE(request.proxy.has_value());
  EXPECT_EQ(request.proxy->host, "edge");
  EXPECT_EQ(request.proxy->port, 8080);
  EXPECT_TRUE(request.no_proxy.empty());
}

}  // namespace
}  // namespace tcfeed::pipeline
