#include "lib/state/state_store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace tcfeed::state {
namespace {

class StateStoreTest : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tcfeed-state-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    path_ = (dir_ / "sub" / "state.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
  std::string path_;
};

TEST_F(StateStoreTest, CursorsSurviveReopening) {
  {
    StateStore store(path_, StateStore::Mode::ReadWrite);
    EXPECT_EQ(store.schema_version(), 2);
    EXPECT_FALSE(store.cursor("feed").has_value());
    store.save_cursor("feed", Cursor{"42", "\"etag-1\"", "Mon, 30 Nov 2026 01:00:00 GMT"});
    store.save_cursor("feed", Cursor{"43", "\"etag-2\"", ""});
  }
  StateStore reopened(path_, StateStore::Mode::ReadOnly);
  const auto cursor = reopened.cursor("feed");
  ASSERT_TRUE(cursor.has_value());
  EXPECT_EQ(*cursor, (Cursor{"43", "\"etag-2\"", ""}));
  EXPECT_FALSE(reopened.cursor("other").has_value());
}

TEST_F(StateStoreTest, AttackTagCacheIsReplacedWholeAndAgesOut) {
  StateStore store(path_, StateStore::Mode::ReadWrite);
  store.replace_attack_tags({{"T1055", "Process Injection"}, {"T1566", "Phishing"}}, 1000);
  EXPECT_EQ(store.attack_tags(1000).size(), 2u);
  EXPECT_TRUE(store.attack_tags(1001).empty());  // older than asked for: stale
  store.replace_attack_tags({{"T1059", "Command and Scripting Interpreter"}}, 2000);
  const auto tags = store.attack_tags(0);
  ASSERT_EQ(tags.size(), 1u);
  EXPECT_EQ(tags[0].first, "T1059");
}

TEST_F(StateStoreTest, ReadOnlyNeverCreatesTheFile) {
  EXPECT_THROW(StateStore(path_, StateStore::Mode::ReadOnly), StateError);
  EXPECT_FALSE(std::filesystem::exists(path_));
}

TEST_F(StateStoreTest, RefusesADatabaseFromTheFuture) {
  { StateStore store(path_, StateStore::Mode::ReadWrite); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version=99", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  try {
    StateStore store(path_, StateStore::Mode::ReadWrite);
    FAIL() << "a schema newer than this build was opened";
  } catch (const StateError& error) {
    EXPECT_NE(std::string(error.what()).find("newer than this tcfeed knows"), std::string::npos) << error.what();
  }
}

TEST_F(StateStoreTest, RefusesAFileThatIsNotADatabase) {
  std::filesystem::create_directories(dir_ / "sub");
  std::ofstream(path_) << std::string(8192, 'x');
  EXPECT_THROW(StateStore(path_, StateStore::Mode::ReadWrite), StateError);
}

}  // namespace
}  // namespace tcfeed::state
