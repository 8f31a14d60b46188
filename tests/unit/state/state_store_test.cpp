// Opening, migrating and refusing: the schema version, cursors, the ATT&CK tag cache, and the
// errors that must stop the daemon with a message an operator can act on.
#include "lib/state/state_store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>

#include "lib/state/database.hpp"
#include "lib/state/migrations.hpp"
#include "tests/unit/state/state_test_support.hpp"

namespace tcfeed::state {
namespace {

class StateStoreTest : public testing::StateTest {};

TEST_F(StateStoreTest, CursorsSurviveReopening) {
  {
    StateStore store(path_, StateStore::Mode::ReadWrite);
    EXPECT_EQ(store.schema_version(), static_cast<int>(migrations().size()));
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

TEST_F(StateStoreTest, RefusesAFileThatIsNotADatabaseSayingItIsDamaged) {
  std::filesystem::create_directories(dir_ / "sub");
  std::ofstream(path_) << std::string(8192, 'x');
  try {
    StateStore store(path_, StateStore::Mode::ReadWrite);
    FAIL() << "garbage opened as a state database";
  } catch (const StateError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("the file is damaged"), std::string::npos) << message;
    EXPECT_NE(message.find(path_), std::string::npos) << message;
  }
}

TEST_F(StateStoreTest, ErrorsSayWhatTheOperatorMustFix) {
  EXPECT_NE(describe_sqlite_error(SQLITE_FULL).find("the disk is full"), std::string::npos);
  EXPECT_NE(describe_sqlite_error(SQLITE_IOERR_WRITE).find("I/O error"), std::string::npos);
  EXPECT_NE(describe_sqlite_error(SQLITE_CORRUPT).find("the file is damaged"), std::string::npos);
  EXPECT_NE(describe_sqlite_error(SQLITE_NOTADB).find("the file is damaged"), std::string::npos);
}

TEST_F(StateStoreTest, AFullDiskStopsTheWriteWithThatMessage) {
  // A database that may not grow stands in for a full disk: SQLite reports both as SQLITE_FULL.
  auto store = open();
  Database raw(path_, false);
  raw.exec("PRAGMA max_page_count=1");  // per connection: only `raw` is limited
  try {
    raw.exec("INSERT INTO cursors VALUES ('" + std::string(100000, 'x') + "', '', '', '', 0)");
    FAIL() << "a write past max_page_count succeeded";
  } catch (const StateError& error) {
    EXPECT_NE(std::string(error.what()).find("the disk is full"), std::string::npos) << error.what();
  }
  store.save_cursor("feed", Cursor{"1", "", ""});  // the store's own connection is unaffected
}

// The schema as tcfeed shipped it at version 2, written here by hand as that release did.
void create_version_2_database(const std::string& path) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  const char* schema = R"(
      PRAGMA journal_mode=WAL;
      CREATE TABLE cursors (connector TEXT PRIMARY KEY, position TEXT NOT NULL DEFAULT '',
        etag TEXT NOT NULL DEFAULT '', last_modified TEXT NOT NULL DEFAULT '', updated_at INTEGER NOT NULL) STRICT;
      CREATE TABLE attack_tags (technique_id TEXT PRIMARY KEY, name TEXT NOT NULL, fetched_at INTEGER NOT NULL) STRICT;
      INSERT INTO cursors VALUES ('urlhaus', '123', '"etag"', 'Mon, 30 Nov 2026 01:00:00 GMT', 1700000000);
      INSERT INTO cursors VALUES ('feodo', '', '', '', 1700000000);
      INSERT INTO attack_tags VALUES ('T1055', 'Process Injection', 1700000000);
      PRAGMA user_version=2;)";
  ASSERT_EQ(sqlite3_exec(db, schema, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
}

int user_version_of(const std::string& path) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &statement, nullptr);
  const int version = sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int(statement, 0) : -1;
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return version;
}

TEST_F(StateStoreTest, ReadOnlyReadsAVersion2DatabaseWithoutTheNewTables) {
  create_version_2_database(path_);
  StateStore store(path_, StateStore::Mode::ReadOnly);
  EXPECT_EQ(store.schema_version(), 2);
  EXPECT_EQ(store.cursor("urlhaus")->position, "123");
  EXPECT_EQ(store.outbox_size(), 0);
  EXPECT_TRUE(store.backlog().empty());
  EXPECT_TRUE(store.dead_letters(10).empty());
  EXPECT_FALSE(store.next_due("Acme", 0, {}).has_value());
  EXPECT_EQ(store.snapshot_size("urlhaus"), 0);
  EXPECT_FALSE(std::filesystem::exists(path_ + ".v2.bak"));  // read-only never migrates
}

TEST_F(StateStoreTest, MigratingAVersion2DatabaseKeepsItsDataAndABackup) {
  create_version_2_database(path_);
  {
    auto store = open();
    EXPECT_EQ(store.schema_version(), static_cast<int>(migrations().size()));
    const auto cursors = store.cursors();
    ASSERT_EQ(cursors.size(), 2u);
    EXPECT_EQ(cursors[0].first, "feodo");
    EXPECT_EQ(cursors[1].first, "urlhaus");
    EXPECT_EQ(cursors[1].second, (Cursor{"123", "\"etag\"", "Mon, 30 Nov 2026 01:00:00 GMT"}));
    EXPECT_EQ(store.attack_tags(0).size(), 1u);
    // The new tables work on the migrated file.
    const RunId run = store.begin_run("urlhaus");
    store.stage_batch(run, "urlhaus", "Acme", testing::kSettings, testing::document_of({"a"}), 1, 1000);
    store.commit_run(run, "urlhaus", Cursor{"124", "", ""}, false);
    EXPECT_EQ(store.outbox_size(), 1);
  }
  const std::string backup = path_ + ".v2.bak";
  ASSERT_TRUE(std::filesystem::exists(backup));
  EXPECT_EQ(user_version_of(backup), 2);
  {
    StateStore old(backup, StateStore::Mode::ReadOnly);
    EXPECT_EQ(old.cursor("urlhaus")->position, "123");
  }
  auto reopened = open();  // already current: no second migration, no new backup
  EXPECT_EQ(reopened.outbox_size(), 1);
  EXPECT_FALSE(std::filesystem::exists(path_ + ".v3.bak"));
}

// A version 3 database as that release left it: the shipped migrations 1–3 (append-only, so
// these are its exact statements) and a connector's delivery state in them.
void create_version_3_database(const std::string& path) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr), SQLITE_OK);
  for (int version = 0; version < 3; ++version) {
    ASSERT_EQ(sqlite3_exec(db, migrations()[static_cast<std::size_t>(version)].sql, nullptr, nullptr, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(db);
  }
  const char* data = R"(
      INSERT INTO cursors VALUES ('threatfox', '77', '', '', 1700000000);
      INSERT INTO connector_ids VALUES (1, 'threatfox');
      INSERT INTO seen VALUES (1, 42, 7, 1700000000);
      INSERT INTO snapshot_members VALUES (1, 43, 'Host', 'kept.example');
      INSERT INTO batches (state, connector, owner, settings_json, document, indicators, next_attempt_at, created_at)
        VALUES ('pending', 'threatfox', 'Acme', '{}', '{"indicator":[]}', 1, 1700000000, 1700000000);
      PRAGMA user_version=3;)";
  ASSERT_EQ(sqlite3_exec(db, data, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
}

TEST_F(StateStoreTest, MigratingAVersion3DatabaseKeepsTheDeliveryStateAndAddsMentions) {
  create_version_3_database(path_);
  {
    auto store = open();
    EXPECT_EQ(store.schema_version(), static_cast<int>(migrations().size()));
    EXPECT_EQ(store.cursor("threatfox")->position, "77");
    std::vector<SeenEntry> seen;
    store.load_seen("threatfox", [&](const SeenEntry& entry) { seen.push_back(entry); });
    EXPECT_EQ(seen, (std::vector<SeenEntry>{{from_sql_key(42), 7, 1700000000}}));  // keys are stored sign-flipped
    EXPECT_EQ(store.snapshot_size("threatfox"), 1);
    EXPECT_EQ(store.outbox_size(), 1);
    EXPECT_EQ(store.mention_count("threatfox"), 0);
    // The new table works on the migrated file, for the connector id it already had.
    const RunId run = store.begin_run("threatfox");
    store.stage_snapshot_members(run, "threatfox", std::vector<SnapshotMember>{{44, "Host", "mentioned.example"}});
    store.commit_run(run, "threatfox", Cursor{"78", "", ""}, false, MentionUpdate{1700000100, 1700000000});
    EXPECT_EQ(store.mention_count("threatfox"), 1);
  }
  ASSERT_TRUE(std::filesystem::exists(path_ + ".v3.bak"));
  EXPECT_EQ(user_version_of(path_ + ".v3.bak"), 3);
  StateStore old(path_ + ".v3.bak", StateStore::Mode::ReadOnly);
  EXPECT_EQ(old.mention_count("threatfox"), 0);  // read-only on version 3: no mentions table, none
  EXPECT_EQ(old.outbox_size(), 1);
}

// A version 4 database as that release left it: documents inside the batch rows.
void create_version_4_database(const std::string& path) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr), SQLITE_OK);
  for (int version = 0; version < 4; ++version) {
    ASSERT_EQ(sqlite3_exec(db, migrations()[static_cast<std::size_t>(version)].sql, nullptr, nullptr, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(db);
  }
  const char* data = R"(
      INSERT INTO batches (state, connector, owner, settings_json, document, indicators, job_id, uploaded,
                           next_attempt_at, created_at)
        VALUES ('pending', 'threatfox', 'Acme', '{}', '{"indicator":["first"]}', 1, 77, 1, 1700000000, 1700000000),
               ('pending', 'threatfox', 'Acme', '{}', '{"indicator":["second"]}', 1, NULL, 0, 1700000000, 1700000001);
      PRAGMA user_version=4;)";
  ASSERT_EQ(sqlite3_exec(db, data, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
}

TEST_F(StateStoreTest, MigratingAVersion4DatabaseKeepsEachBatchWithItsDocument) {
  create_version_4_database(path_);
  {
    auto store = open();
    EXPECT_EQ(store.schema_version(), static_cast<int>(migrations().size()));
    const auto first = store.next_due("Acme", 1700000000, {});
    ASSERT_TRUE(first);
    EXPECT_EQ(first->document, R"({"indicator":["first"]})");
    EXPECT_EQ(first->job_id, 77);
    EXPECT_TRUE(first->uploaded);
    const std::int64_t skip[] = {first->id};
    const auto second = store.next_due("Acme", 1700000000, skip);
    ASSERT_TRUE(second);
    EXPECT_EQ(second->document, R"({"indicator":["second"]})");
    EXPECT_FALSE(second->job_id);
    store.complete_batch(first->id, {}, 1700000100);
    EXPECT_EQ(store.outbox_size(), 1);
  }
  // The backup is the version 4 file, and a read-only open of it still finds the documents.
  StateStore old(path_ + ".v4.bak", StateStore::Mode::ReadOnly);
  EXPECT_EQ(old.schema_version(), 4);
  const auto batch = old.next_due("Acme", 1700000000, {});
  ASSERT_TRUE(batch);
  EXPECT_EQ(batch->document, R"({"indicator":["first"]})");
}

}  // namespace
}  // namespace tcfeed::state
