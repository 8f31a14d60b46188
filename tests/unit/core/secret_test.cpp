#include "lib/core/secret.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace tcfeed {
namespace {

class SecretTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("tcfeed-secret-" + std::to_string(::getpid()) + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    ::unsetenv("CREDENTIALS_DIRECTORY");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& content, mode_t mode) {
    const auto path = dir_ / name;
    std::ofstream(path) << content;
    ::chmod(path.c_str(), mode);
    return path.string();
  }

  std::filesystem::path dir_;
};

TEST_F(SecretTest, ReadsAPrivateFileWithoutTrailingNewline) {
  const auto path = write("key", "s3cret\n", 0600);
  EXPECT_EQ(read_secret({SecretRef::Kind::File, path}).reveal(), "s3cret");
}

TEST_F(SecretTest, RefusesAFileOthersCanRead) {
  const auto path = write("key", "s3cret", 0644);
  try {
    read_secret({SecretRef::Kind::File, path});
    FAIL() << "a world-readable secret file was accepted";
  } catch (const SecretError& error) {
    EXPECT_NE(std::string(error.what()).find("chmod 600"), std::string::npos);
    EXPECT_EQ(std::string(error.what()).find("s3cret"), std::string::npos);
  }
}

TEST_F(SecretTest, AcceptsAnyModeUnderTheCredentialsDirectory) {
  write("tc_key", "from-systemd", 0644);
  ::setenv("CREDENTIALS_DIRECTORY", dir_.c_str(), 1);
  EXPECT_EQ(read_secret({SecretRef::Kind::Credential, "tc_key"}).reveal(), "from-systemd");
  EXPECT_THROW(read_secret({SecretRef::Kind::Credential, "../tc_key"}), SecretError);
  ::unsetenv("CREDENTIALS_DIRECTORY");
  EXPECT_THROW(read_secret({SecretRef::Kind::Credential, "tc_key"}), SecretError);
}

TEST_F(SecretTest, ReadsTheEnvironmentAndRefusesEmpty) {
  ::setenv("TCFEED_TEST_SECRET", "env-value", 1);
  EXPECT_EQ(read_secret({SecretRef::Kind::Env, "TCFEED_TEST_SECRET"}).reveal(), "env-value");
  ::setenv("TCFEED_TEST_SECRET", "", 1);
  EXPECT_THROW(read_secret({SecretRef::Kind::Env, "TCFEED_TEST_SECRET"}), SecretError);
}

}  // namespace
}  // namespace tcfeed
