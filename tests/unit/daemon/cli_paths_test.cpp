// How the CLI reads what it is given: which configuration file (--config, TCFEED_CONFIG, the
// default), and the TARGET that `sign` and `api` both accept.
#include <gtest/gtest.h>

#include "daemon/api_target.hpp"
#include "daemon/config_path.hpp"

namespace tcfeed::cli {
namespace {

TEST(ConfigPath, TheFlagWinsOverTheEnvironmentWhichWinsOverTheDefault) {
  const auto flag = resolve_config_path(std::string("/flag.yaml"), "/env.yaml");
  EXPECT_EQ(flag.path, "/flag.yaml");
  EXPECT_EQ(flag.origin_text(), "--config");

  const auto env = resolve_config_path(std::nullopt, "/env.yaml");
  EXPECT_EQ(env.path, "/env.yaml");
  EXPECT_EQ(env.origin_text(), "TCFEED_CONFIG");

  const auto fallback = resolve_config_path(std::nullopt, nullptr);
  EXPECT_EQ(fallback.path, "/etc/tcfeed/tcfeed.yaml");
  EXPECT_EQ(fallback.origin_text(), "the default");
}

TEST(ConfigPath, AnEmptyFlagOrVariableCountsAsUnset) {
  EXPECT_EQ(resolve_config_path(std::string(), "/env.yaml").path, "/env.yaml");
  EXPECT_EQ(resolve_config_path(std::nullopt, "").path, "/etc/tcfeed/tcfeed.yaml");
}

std::string target(const std::string& base, const std::string& text) {
  std::string error;
  const auto endpoint = resolve_api_target(base, text, error);
  return endpoint ? *endpoint : "error: " + error;
}

TEST(ApiTarget, EveryFormOfOneEndpointResolvesTheSame) {
  const std::string base = "https://tc.example/api";
  for (const std::string form : {"/v2/owners?x=1", "v2/owners?x=1", "/api/v2/owners?x=1",
                                 "https://tc.example/api/v2/owners?x=1", "api/v2/owners?x=1"}) {
    EXPECT_EQ(target(base, form), "/v2/owners?x=1") << form;
  }
}

TEST(ApiTarget, ABaseUrlWithoutPathKeepsTheTargetAsWritten) {
  EXPECT_EQ(target("https://tc.example", "/api/v2/owners"), "/api/v2/owners");
  EXPECT_EQ(target("https://tc.example", "https://tc.example/v3/indicators"), "/v3/indicators");
  // "/apiary" is not under "/api".
  EXPECT_EQ(target("https://tc.example/api", "/apiary/x"), "/apiary/x");
}

TEST(ApiTarget, RefusesAUrlOutsideTheBaseUrlAndAnEmptyTarget) {
  EXPECT_EQ(target("https://tc.example/api", "https://other.example/api/v2/owners"),
            "error: the URL is not under threatconnect.base_url (https://tc.example/api)");
  EXPECT_EQ(target("https://tc.example/api", "https://tc.example/apix/v2"),
            "error: the URL is not under threatconnect.base_url (https://tc.example/api)");
  EXPECT_EQ(target("https://tc.example/api", "").substr(0, 6), "error:");
  EXPECT_EQ(target("https://tc.example/api", "/api").substr(0, 6), "error:");
}

}  // namespace
}  // namespace tcfeed::cli
