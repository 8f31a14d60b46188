#include "lib/pipeline/source/source_access.hpp"

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
}

// A file has no server to authenticate to or to reach through a proxy: a configured key is not
// sent, and not even read (the variable below does not exist), so a saved export replays with the
// connector block that fetches it live.
TEST(SourceAccess, AFileSourceGetsNoCredentialsAndNoProxy) {
  ::unsetenv("TCFEED_TEST_ABSENT_KEY");
  config::Config global;
  global.threatconnect.proxy = "http://proxy.corp:3128";
  for (const char* scheme :
       {"auth_query: auth-key", "auth_header: Auth-Key", "auth_bearer: true", "auth_basic_user: u"}) {
    FetchRequest request;
    request.url = "file:///srv/feeds/recent.csv";
    access_from("{" + std::string(scheme) + ", auth_secret_env: TCFEED_TEST_ABSENT_KEY}", global).apply(request);
    EXPECT_EQ(request.url, "file:///srv/feeds/recent.csv") << scheme;
    EXPECT_TRUE(request.headers.empty()) << scheme;
    EXPECT_FALSE(request.proxy.has_value()) << scheme;
  }
  // Over https the same key is read, and its absence is a source error naming the variable only.
  FetchRequest live;
  live.url = "https://feed.example/recent.csv";
  try {
    access_from("{auth_query: auth-key, auth_secret_env: TCFEED_TEST_ABSENT_KEY}").apply(live);
    FAIL() << "no error";
  } catch (const SourceError& error) {
    EXPECT_NE(std::string(error.what()).find("TCFEED_TEST_ABSENT_KEY"), std::string::npos) << error.what();
  }
}

TEST(SourceAccess, QueryKeyGoesBeforeAFragment) {
  ::setenv("TCFEED_TEST_FEED_KEY", "k/1", 1);
  FetchRequest request;
  request.url = "https://feed.example/x.csv#latest";
  access_from("{auth_query: auth-key, auth_secret_env: TCFEED_TEST_FEED_KEY}").apply(request);
  EXPECT_EQ(request.url, "https://feed.example/x.csv?auth-key=k%2F1");
}

SourceAccess abusech_from(const std::string& yaml, SourceAccess::Auth auth, const std::string& name) {
  config::MapReader keys(YAML::Load(yaml), "feeds.yaml", "connectors[0]");
  SourceAccess access = read_source_access(keys, {}, AuthKeyConvention{auth, name, "abuse.ch"});
  keys.finish();
  return access;
}

TEST(SourceAccess, AuthKeyIsTheVendorsConventionUnlessAuthSaysOtherwise) {
  ::setenv("TCFEED_TEST_FEED_KEY", "abc", 1);
  FetchRequest request;
  request.url = "https://urlhaus-api.abuse.ch/files/exports/recent.csv";
  abusech_from("{auth_key_env: TCFEED_TEST_FEED_KEY}", SourceAccess::Auth::Query, "auth-key").apply(request);
  EXPECT_EQ(request.url, "https://urlhaus-api.abuse.ch/files/exports/recent.csv?auth-key=abc");
  EXPECT_TRUE(request.headers.empty());

  request = FetchRequest{};
  request.url = "https://threatfox-api.abuse.ch/api/v1/";
  abusech_from("{auth_key_env: TCFEED_TEST_FEED_KEY}", SourceAccess::Auth::Header, "Auth-Key").apply(request);
  EXPECT_EQ(header(request, "Auth-Key"), "abc");
  EXPECT_EQ(request.url, "https://threatfox-api.abuse.ch/api/v1/");

  // The general keys send the same key another way.
  request = FetchRequest{};
  request.url = "https://urlhaus.abuse.ch/downloads/csv_recent/";
  abusech_from("{auth_header: Auth-Key, auth_secret_env: TCFEED_TEST_FEED_KEY}", SourceAccess::Auth::Query, "auth-key")
      .apply(request);
  EXPECT_EQ(header(request, "Auth-Key"), "abc");
  EXPECT_EQ(request.url, "https://urlhaus.abuse.ch/downloads/csv_recent/");

  // Both at once is ambiguous; auth_key where the connector has no convention is an unknown key.
  EXPECT_THROW(abusech_from("{auth_key_env: K, auth_header: Auth-Key, auth_secret_env: K}", SourceAccess::Auth::Query,
                            "auth-key"),
               config::ConfigError);
  EXPECT_THROW(abusech_from("{auth_key_env: K, auth_secret_env: K}", SourceAccess::Auth::Query, "auth-key"),
               config::ConfigError);
  EXPECT_THROW(abusech_from("{auth_key: inline}", SourceAccess::Auth::Query, "auth-key"), config::ConfigError);
  config::MapReader plain(YAML::Load("{auth_key_env: K}"), "feeds.yaml", "connectors[0]");
  read_source_access(plain, {});
  EXPECT_THROW(plain.finish(), config::ConfigError);
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
  request.url = "https://feed.example/x";
  access_from("{proxy: 'http://edge:8080', no_proxy: []}", global).apply(request);
  ASSERT_TRUE(request.proxy.has_value());
  EXPECT_EQ(request.proxy->host, "edge");
  EXPECT_EQ(request.proxy->port, 8080);
  EXPECT_TRUE(request.no_proxy.empty());
}

}  // namespace
}  // namespace tcfeed::pipeline
