// Every abuse.ch connector reaches its source through SourceAccess, configured through the real
// loader: the abuse.ch key by its convention (or the general auth_* keys), the proxy, and the
// file:// rule — a key configured with a saved export is neither read nor sent.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <string>
#include <vector>

#include "connectors/abusech_key.hpp"
#include "connectors/builtin_connectors.hpp"
#include "lib/pipeline/source/source_fetch.hpp"
#include "tests/unit/connectors_generic/support.hpp"

namespace tcfeed::connectors {
namespace {

using testing_support::YamlConnector;

struct Case {
  std::string type;
  std::string fixture;  // under tests/fixtures/
  std::string https_path;
  pipeline::AuthKeyConvention key;
};

std::ostream& operator<<(std::ostream& out, const Case& c) { return out << c.type; }

class AbusechAccess : public testing::TestWithParam<Case> {
 protected:
  // A connector block: the url line, then `extra` (indented 4 spaces, one key a line).
  std::string block(const std::string& url, const std::string& extra) const { return "    url: " + url + "\n" + extra; }
  std::string file_url() const { return "file://" + testing_support::fixture_path(GetParam().fixture); }

  // The SourceError of one poll, or "(no error)".
  std::string poll_error(pipeline::Connector& connector) const {
    try {
      testing_support::poll(connector);
    } catch (const pipeline::SourceError& error) {
      return error.what();
    }
    return "(no error)";
  }
};

TEST_P(AbusechAccess, DocumentsTheKeyTheGeneralAuthAndTheProxy) {
  const auto* type = pipeline::builtin_connectors().find(GetParam().type);
  ASSERT_NE(type, nullptr);
  for (const auto& expected : pipeline::source_access_keys(GetParam().key)) {
    const auto found = std::find_if(type->keys.begin(), type->keys.end(),
                                    [&](const config::KeySpec& key) { return key.name == expected.name; });
    ASSERT_NE(found, type->keys.end()) << expected.name;
    EXPECT_EQ(found->description, expected.description) << expected.name;
  }
  const auto auth_key = std::find_if(type->keys.begin(), type->keys.end(),
                                     [](const config::KeySpec& key) { return key.name == "auth_key_file"; });
  EXPECT_NE(auth_key->description.find(GetParam().key.name), std::string::npos) << auth_key->description;
}

TEST_P(AbusechAccess, AKeyWithAFileSourceIsNotReadNorSent) {
  ::unsetenv("TCFEED_TEST_ABSENT_ABUSECH_KEY");
  YamlConnector yaml;
  auto connector = yaml.build(GetParam().type, block(file_url(), "    auth_key_env: TCFEED_TEST_ABSENT_ABUSECH_KEY\n"));
  EXPECT_GT(testing_support::poll(*connector).result.records, 0u);
}

TEST_P(AbusechAccess, AKeyWithAnHttpsSourceIsReadAndNeverShown) {
  const std::string url = "https://127.0.0.1:1" + GetParam().https_path;
  ::unsetenv("TCFEED_TEST_ABSENT_ABUSECH_KEY");
  YamlConnector yaml;
  auto missing = yaml.build(GetParam().type, block(url, "    auth_key_env: TCFEED_TEST_ABSENT_ABUSECH_KEY\n"));
  const std::string unread = poll_error(*missing);
  EXPECT_NE(unread.find("TCFEED_TEST_ABSENT_ABUSECH_KEY"), std::string::npos) << unread;

  ::setenv("TCFEED_TEST_ABUSECH_KEY", "s3cr3t-abusech-key", 1);
  for (const std::string auth : {"    auth_key_env: TCFEED_TEST_ABUSECH_KEY\n",
                                 "    auth_query: token\n    auth_secret_env: TCFEED_TEST_ABUSECH_KEY\n",
                                 "    auth_header: X-Key\n    auth_secret_env: TCFEED_TEST_ABUSECH_KEY\n"}) {
    auto connector = yaml.build(GetParam().type, block(url, auth));
    const std::string error = poll_error(*connector);
    EXPECT_NE(error, "(no error)") << auth;
    EXPECT_EQ(error.find("s3cr3t"), std::string::npos) << error;
  }
}

TEST_P(AbusechAccess, RefusesTwoKeysAndABadProxyAtTheirLines) {
  YamlConnector yaml;
  const std::string both = yaml.error_of(
      GetParam().type, block(file_url(), "    auth_key_env: K\n    auth_header: Auth-Key\n    auth_secret_env: K\n"));
  EXPECT_NE(both.find("auth_key"), std::string::npos) << both;
  EXPECT_NE(both.find("not both"), std::string::npos) << both;
  const std::string proxy = yaml.error_of(GetParam().type, block(file_url(), "    proxy: socks5://p:1080\n"));
  EXPECT_NE(proxy.find(yaml.path() + ":10"), std::string::npos) << proxy;
  EXPECT_EQ(
      yaml.error_of(GetParam().type, block(file_url(), "    proxy: http://proxy.corp:3128\n    no_proxy: [.corp]\n")),
      "");
}

INSTANTIATE_TEST_SUITE_P(
    Abusech, AbusechAccess,
    testing::Values(Case{"urlhaus", "urlhaus/csv_recent.csv", "/downloads/csv_recent/", abusech_key_query()},
                    Case{"malwarebazaar", "malwarebazaar/recent.csv", "/export/csv/recent/", abusech_key_query()},
                    Case{"threatfox", "threatfox/csv_recent.csv", "/api/v1/", abusech_key_header()},
                    Case{"feodo", "feodo/ipblocklist.json", "/downloads/ipblocklist.json", abusech_key_header()}),
    [](const testing::TestParamInfo<Case>& param_info) { return param_info.param.type; });

// The generic connectors have no vendor convention: auth_key_* is an unknown key there.
TEST(GenericAccess, AuthKeyIsNotAGenericKey) {
  YamlConnector yaml;
  const std::string error =
      yaml.error_of("csv",
                    "    url: file:///tmp/x.csv\n    value: 1\n    header: false\n    indicator_type: Host\n"
                    "    auth_key_env: K\n");
  EXPECT_NE(error.find("auth_key_env"), std::string::npos) << error;
}

}  // namespace
}  // namespace tcfeed::connectors
