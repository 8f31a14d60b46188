#pragma once
// A fresh directory per test for real SQLite files, and small builders for what the tests stage.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "lib/state/state_store.hpp"

namespace tcfeed::state::testing {

class StateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           ("tcfeed-state-" + std::to_string(::getpid()) + "-" + info->test_suite_name() + "-" + info->name());
    std::filesystem::remove_all(dir_);
    path_ = (dir_ / "sub" / "state.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  StateStore open() { return StateStore(path_, StateStore::Mode::ReadWrite); }

  std::filesystem::path dir_;
  std::string path_;
};

inline std::string document_of(const std::vector<std::string>& summaries) {
  std::string out = R"({"indicator":[)";
  for (std::size_t i = 0; i < summaries.size(); ++i) {
    if (i) out += ',';
    out += R"({"type":"Host","summary":")" + summaries[i] + R"(","rating":3,"confidence":50})";
  }
  return out + "]}";
}

inline const std::string kSettings = R"({"version":"V2","owner":"Acme","action":"Create"})";

}  // namespace tcfeed::state::testing
