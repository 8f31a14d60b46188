#include "lib/threatconnect/base_url.hpp"

#include <gtest/gtest.h>

namespace tcfeed::threatconnect {
namespace {

TEST(BaseUrl, KeepsThePathExactlyAsConfigured) {
  std::string error;
  auto cloud = BaseUrl::parse("https://app.threatconnect.com/api", error);
  ASSERT_TRUE(cloud) << error;
  EXPECT_EQ(cloud->host, "app.threatconnect.com");
  EXPECT_EQ(cloud->port, 443);
  EXPECT_EQ(cloud->target("/v2/owners"), "/api/v2/owners");

  auto legacy = BaseUrl::parse("https://api.threatconnect.com", error);
  ASSERT_TRUE(legacy) << error;
  EXPECT_EQ(legacy->target("/v2/owners"), "/v2/owners");  // no /api added

  auto custom = BaseUrl::parse("https://tc.internal:8443/tc/api/", error);
  ASSERT_TRUE(custom) << error;
  EXPECT_EQ(custom->port, 8443);
  EXPECT_EQ(custom->target("/v3/indicators"), "/tc/api/v3/indicators");  // only the trailing slash dropped
}

TEST(BaseUrl, AcceptsIpLiterals) {
  std::string error;
  auto v6 = BaseUrl::parse("https://[::1]:9443/api", error);
  ASSERT_TRUE(v6) << error;
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 9443);
}

TEST(BaseUrl, RejectsWhatIsNotAnHttpsBase) {
  std::string error;
  for (const char* bad : {"http://app.threatconnect.com/api", "app.threatconnect.com/api", "https://",
                          "https://user:pw@tc.example/api", "https://tc.example/api?x=1", "ftp://tc.example"}) {
    EXPECT_FALSE(BaseUrl::parse(bad, error)) << bad;
    EXPECT_FALSE(error.empty());
  }
  BaseUrl::parse("http://tc.example/api", error);
  EXPECT_NE(error.find("https"), std::string::npos);
}

}  // namespace
}  // namespace tcfeed::threatconnect
