#include "lib/config/config.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace tcfeed::config {
namespace {

const std::vector<KeySpec> kTextKeys = {{"url", "url", "", "", true}, {"indicator_type", "string", "", "", true}};

const std::vector<KeySpec>* lookup(std::string_view type) { return type == "text" ? &kTextKeys : nullptr; }

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("tcfeed-config-" + std::to_string(::getpid()) + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    secret_ = (dir_ / "secret").string();
    std::ofstream(secret_) << "EXAMPLEsecret\n";
    ::chmod(secret_.c_str(), 0600);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string& yaml) {
    const auto path = (dir_ / "tcfeed.yaml").string();
    std::ofstream(path) << yaml;
    return path;
  }

  std::string valid_head() const {
    return "threatconnect:\n"
           "  base_url: https://app.threatconnect.com/api\n"
           "  access_id: \"12345678901234567890\"\n"
           "  secret_key_file: " +
           secret_ + "\n";
  }

  // The ConfigError message for `yaml`; fails the test when it loads.
  std::string error_of(const std::string& yaml) {
    try {
      load_config(write(yaml), lookup);
    } catch (const ConfigError& error) {
      return error.what();
    }
    ADD_FAILURE() << "config loaded but should not:\n" << yaml;
    return {};
  }

  std::filesystem::path dir_;
  std::string secret_;
};

TEST_F(ConfigTest, LoadsAFullConfig) {
  const Config config = load_config(write(valid_head() + "state: { path: /tmp/x.db }\n"
                                                         "batch: { mode: create_and_upload, max_indicators: 100 }\n"
                                                         "defaults: { rating: 2, confidence: 40 }\n"
                                                         "connectors:\n"
                                                         "  - name: ips\n"
                                                         "    type: text\n"
                                                         "    owner: Demo Organization\n"
                                                         "    url: file:///tmp/ips.txt\n"
                                                         "    indicator_type: Address\n"
                                                         "    schedule: { every: 15m, jitter: 10% }\n"
                                                         "    tags: [botnet]\n"),
                                    lookup);
  EXPECT_EQ(config.threatconnect.secret_key.reveal(), "EXAMPLEsecret");
  EXPECT_EQ(config.state_path, "/tmp/x.db");
  EXPECT_EQ(config.batch.mode, BatchMode::CreateAndUpload);
  EXPECT_EQ(config.batch.max_indicators, 100);
  EXPECT_EQ(config.default_rating, 2);
  ASSERT_EQ(config.connectors.size(), 1u);
  EXPECT_EQ(config.connectors[0].owner, "Demo Organization");
  EXPECT_EQ(config.connectors[0].schedule.every, std::chrono::minutes(15));
  EXPECT_DOUBLE_EQ(config.connectors[0].schedule.jitter, 0.1);
}

TEST_F(ConfigTest, UnknownKeyNamesFileLineAndPath) {
  const auto message = error_of(valid_head() + "batch:\n  max_indicator: 10\n");
  EXPECT_NE(message.find("tcfeed.yaml:6: batch.max_indicator: unknown key"), std::string::npos) << message;
}

TEST_F(ConfigTest, WrongTypeIsExplained) {
  const auto message = error_of(valid_head() + "batch:\n  max_indicators: lots\n");
  EXPECT_NE(message.find(":6: batch.max_indicators: expected a whole number"), std::string::npos) << message;
  const auto range = error_of(valid_head() + "batch:\n  max_indicators: 30000\n");
  EXPECT_NE(range.find("from 1 to 25000"), std::string::npos) << range;
}

TEST_F(ConfigTest, MissingOwnerIsAnError) {
  const auto message = error_of(valid_head() +
                                "connectors:\n  - name: ips\n    type: text\n    url: file:///x\n"
                                "    indicator_type: Address\n");
  EXPECT_NE(message.find("connectors[0].owner: is required"), std::string::npos) << message;
}

TEST_F(ConfigTest, InlineSecretIsRefusedWithoutEchoingIt) {
  const auto message = error_of(
      "threatconnect:\n  base_url: https://tc.example/api\n  access_id: \"1\"\n"
      "  secret_key: hunter2hunter2\n");
  EXPECT_NE(message.find(":4: threatconnect.secret_key: secrets are not accepted inline"), std::string::npos)
      << message;
  EXPECT_EQ(message.find("hunter2"), std::string::npos);
}

// A secret pasted where its variable's name belongs was repeated by "environment variable <it> is
// not set", in the log and on the status page.
TEST_F(ConfigTest, ASecretPastedAsAVariableNameIsRefusedWithoutEchoingIt) {
  const auto message = error_of(
      "threatconnect:\n  base_url: https://tc.example/api\n  access_id: \"1\"\n"
      "  secret_key_env: \"s3cr3t/Key+value==\"\n");
  EXPECT_NE(message.find(":4: threatconnect.secret_key_env: expected the name of an environment variable"),
            std::string::npos)
      << message;
  EXPECT_EQ(message.find("s3cr3t"), std::string::npos) << message;
}

TEST_F(ConfigTest, NonHttpsBaseUrlIsRefused) {
  const auto message = error_of(
      "threatconnect:\n  base_url: http://tc.example/api\n  access_id: \"1\"\n"
      "  secret_key_file: " +
      secret_ + "\n");
  EXPECT_NE(message.find(":2: threatconnect.base_url: must use https://"), std::string::npos) << message;
}

TEST_F(ConfigTest, ReadableSecretFileIsRefused) {
  ::chmod(secret_.c_str(), 0644);
  const auto message = error_of(valid_head());
  EXPECT_NE(message.find("threatconnect.secret_key_file"), std::string::npos) << message;
  EXPECT_NE(message.find("group or others"), std::string::npos) << message;
}

TEST_F(ConfigTest, UnknownConnectorTypeAndDuplicateNames) {
  EXPECT_NE(error_of(valid_head() + "connectors:\n  - { name: a, type: nope, owner: O }\n")
                .find("unknown connector type 'nope'"),
            std::string::npos);
  const auto duplicate = error_of(valid_head() +
                                  "connectors:\n"
                                  "  - { name: a, type: text, owner: O, url: 'file:///x', indicator_type: Host }\n"
                                  "  - { name: a, type: text, owner: O, url: 'file:///y', indicator_type: Host }\n");
  EXPECT_NE(duplicate.find("duplicate connector name 'a'"), std::string::npos) << duplicate;
}

TEST_F(ConfigTest, ConnectorTypeKeysAreRequiredAndOthersUnknown) {
  EXPECT_NE(error_of(valid_head() + "connectors:\n  - { name: a, type: text, owner: O, indicator_type: Host }\n")
                .find("connectors[0].url: is required for type text"),
            std::string::npos);
  EXPECT_NE(
      error_of(valid_head() +
               "connectors:\n  - { name: a, type: text, owner: O, url: 'file:///x', indicator_type: Host, colum: 3 }\n")
          .find("connectors[0].colum: unknown key"),
      std::string::npos);
}

TEST_F(ConfigTest, AttributeAppendIsRefusedWithTheReason) {
  const auto message =
      error_of(valid_head() +
               "connectors:\n  - { name: a, type: text, owner: O, url: 'file:///x', indicator_type: Host,"
               " attribute_write_type: Append }\n");
  EXPECT_NE(message.find("connectors[0].attribute_write_type: expected one of Singleton, Replace, Static"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("duplicate"), std::string::npos) << message;
}

TEST_F(ConfigTest, YamlSyntaxErrorHasALine) {
  const auto message = error_of(valid_head() + "batch: [unclosed\n");
  EXPECT_NE(message.find("tcfeed.yaml:"), std::string::npos);
  EXPECT_NE(message.find("YAML syntax"), std::string::npos) << message;
}

TEST_F(ConfigTest, BadDurationAndJitter) {
  EXPECT_NE(error_of(valid_head() + "shutdown_grace: soon\n").find("expected a duration"), std::string::npos);
  EXPECT_NE(error_of(valid_head() + "connectors:\n  - { name: a, type: text, owner: O, url: 'file:///x', "
                                    "indicator_type: Host, schedule: { jitter: 150% } }\n")
                .find("between 0% and 100%"),
            std::string::npos);
}

TEST_F(ConfigTest, ExportsListenerIsHttpsOnlyOnAnAddressOfItsOwn) {
  const std::string http = "http:\n  listen: 127.0.0.1:9464\n  exports:\n";
  const auto plain = error_of(valid_head() + http + "    listen: 0.0.0.0:8443\n");
  EXPECT_NE(plain.find(":8: http.exports.listen: the exports listener serves HTTPS only"), std::string::npos) << plain;
  const auto no_key = error_of(valid_head() + http + "    listen: 0.0.0.0:8443\n    tls_cert_file: " + secret_ + "\n");
  EXPECT_NE(no_key.find(":9: http.exports.tls_cert_file: the exports listener serves HTTPS only"), std::string::npos)
      << no_key;
  const auto same = error_of(valid_head() + http + "    listen: 127.0.0.1:9464\n");
  EXPECT_NE(same.find("http.exports.listen: must differ from http.listen"), std::string::npos) << same;
  const auto name = error_of(valid_head() + http + "    listen: tcfeed.example:8443\n");
  EXPECT_NE(name.find("http.exports.listen: expected an IP address and a port"), std::string::npos) << name;
  const auto inline_key = error_of(valid_head() + http + "    listen: 0.0.0.0:8443\n    tls_cert_file: " + secret_ +
                                   "\n    tls_key: inline\n");
  EXPECT_NE(inline_key.find("http.exports.tls_key"), std::string::npos) << inline_key;
  // Without it, /exports/ stays on http.listen.
  EXPECT_FALSE(load_config(write(valid_head()), lookup).exports_listener);
}

}  // namespace
}  // namespace tcfeed::config
