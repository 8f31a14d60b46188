// The seen set in packed blocks: commits merge into the blocks their keys fall in (and only
// those), grown blocks split, load_seen reads everything back in unsigned key order, a connector
// is forgotten alone, the rows of schema 6 are packed by the migration, and a damaged block is a
// StateError naming the table, never a crash.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <map>
#include <random>
#include <vector>

#include "lib/state/database.hpp"
#include "lib/state/migrations.hpp"
#include "lib/state/seen_blocks.hpp"
#include "tests/unit/state/state_test_support.hpp"

namespace tcfeed::state {
namespace {

constexpr std::uint64_t kMaxKey = std::numeric_limits<std::uint64_t>::max();

struct Block {
  std::int64_t entries = 0;
  std::string body;
  bool operator==(const Block&) const = default;
};
using Blocks = std::map<std::uint64_t, Block>;  // by first key, unsigned

// A second connection to the file, as a reader or to damage it, beside the store's own.
class Sql {
 public:
  explicit Sql(const std::string& path) { EXPECT_EQ(sqlite3_open(path.c_str(), &db_), SQLITE_OK); }
  ~Sql() { sqlite3_close(db_); }
  Sql(const Sql&) = delete;
  Sql& operator=(const Sql&) = delete;

  void exec(const std::string& sql) {
    ASSERT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db_);
  }
  std::int64_t number(const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr), SQLITE_OK) << sqlite3_errmsg(db_);
    const std::int64_t value = sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : -1;
    sqlite3_finalize(statement);
    return value;
  }
  Blocks blocks(const std::string& connector) {
    Blocks out;
    sqlite3_stmt* statement = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_,
                                 "SELECT first_key, entries, body FROM seen_blocks WHERE connector_id = "
                                 "(SELECT id FROM connector_ids WHERE name = ?) ORDER BY first_key",
                                 -1, &statement, nullptr),
              SQLITE_OK);
    sqlite3_bind_text(statement, 1, connector.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(statement) == SQLITE_ROW) {
      const auto* body = static_cast<const char*>(sqlite3_column_blob(statement, 2));
      out[from_sql_key(sqlite3_column_int64(statement, 0))] =
          Block{sqlite3_column_int64(statement, 1),
                std::string(body ? body : "", static_cast<std::size_t>(sqlite3_column_bytes(statement, 2)))};
    }
    sqlite3_finalize(statement);
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
};

class SeenBlocksTest : public testing::StateTest {
 protected:
  std::size_t block_entries() {
    Sql sql(path_);
    return seen_block_entries(sql.number("PRAGMA page_size"));
  }

  static void commit(StateStore& store, const std::string& connector, const std::vector<SeenEntry>& entries) {
    const RunId run = store.begin_run(connector);
    store.stage_seen(run, connector, entries);
    store.commit_run(run, connector, Cursor{}, false);
  }

  static std::vector<SeenEntry> load(const StateStore& store, const std::string& connector) {
    std::vector<SeenEntry> out;
    store.load_seen(connector, [&](const SeenEntry& entry) { out.push_back(entry); });
    return out;
  }
};

std::vector<SeenEntry> random_entries(std::mt19937_64& random, std::size_t count, std::uint32_t stamp) {
  std::vector<SeenEntry> out;
  for (std::size_t i = 0; i < count; ++i) out.push_back({random(), static_cast<std::uint32_t>(random()), stamp});
  return out;
}

std::vector<SeenEntry> sorted(std::vector<SeenEntry> entries) {
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
  return entries;
}

TEST_F(SeenBlocksTest, AFirstRunFillsFullBlocksInOrderAndLoadsBackSorted) {
  std::mt19937_64 random(11);
  const auto entries = random_entries(random, 20'000, 1000);  // more than one load chunk of blocks
  auto store = open();
  commit(store, "feed", entries);
  EXPECT_EQ(load(store, "feed"), sorted(entries));

  const std::size_t most = block_entries();
  Sql sql(path_);
  const Blocks blocks = sql.blocks("feed");
  EXPECT_EQ(blocks.size(), (entries.size() + most - 1) / most);
  std::int64_t total = 0;
  for (const auto& [first, block] : blocks) {
    EXPECT_LE(block.entries, static_cast<std::int64_t>(most));
    EXPECT_GE(block.entries, static_cast<std::int64_t>(most / 2));
    total += block.entries;
  }
  EXPECT_EQ(total, 20'000);
  // About ten bytes an entry, where a row each took 25.
  EXPECT_LT(sql.number("SELECT sum(length(body)) FROM seen_blocks"), 20'000 * 11);
}

TEST_F(SeenBlocksTest, ASmallRunRewritesOnlyTheBlocksItsKeysFallIn) {
  std::mt19937_64 random(12);
  const auto first = random_entries(random, 5'000, 1000);
  auto store = open();
  commit(store, "feed", first);
  Sql sql(path_);
  const Blocks before = sql.blocks("feed");
  ASSERT_GT(before.size(), 10u);

  // One new key (in the last block, which is not full), one changed content, one entry sent again
  // unchanged.
  ASSERT_LT(before.rbegin()->second.entries, static_cast<std::int64_t>(block_entries()));
  const auto ordered = sorted(first);
  const SeenEntry added{ordered[4998].key + 1, 7, 2000};
  SeenEntry changed = ordered[3000];
  changed.content ^= 1;
  changed.sent_at = 2000;
  commit(store, "feed", {added, changed, ordered[4000]});

  const Blocks after = sql.blocks("feed");
  std::size_t rewritten = 0;
  for (const auto& [key, block] : after) {
    if (auto old = before.find(key); old == before.end() || old->second != block) ++rewritten;
  }
  EXPECT_EQ(rewritten, 2u);  // the block that took the new key, the one whose entry changed
  EXPECT_EQ(after.size(), before.size());

  auto expected = ordered;
  expected[3000] = changed;
  expected.insert(expected.begin() + 4999, added);
  EXPECT_EQ(load(store, "feed"), expected);
}

TEST_F(SeenBlocksTest, ABlockThatGrowsPastTheMostSplitsInHalves) {
  auto store = open();
  const std::size_t most = block_entries();
  std::vector<SeenEntry> full;
  for (std::size_t i = 0; i < most; ++i) full.push_back({(i + 1) * 1000, static_cast<std::uint32_t>(i), 100});
  commit(store, "feed", full);
  Sql sql(path_);
  ASSERT_EQ(sql.blocks("feed").size(), 1u);

  commit(store, "feed", {{1500, 9, 200}});  // inside the full block
  const Blocks split = sql.blocks("feed");
  ASSERT_EQ(split.size(), 2u);
  EXPECT_EQ(split.begin()->second.entries + split.rbegin()->second.entries, static_cast<std::int64_t>(most) + 1);
  EXPECT_LE(std::abs(split.begin()->second.entries - split.rbegin()->second.entries), 1);
  EXPECT_EQ(split.begin()->first, 1000u);

  auto expected = full;
  expected.insert(expected.begin() + 1, SeenEntry{1500, 9, 200});
  EXPECT_EQ(load(store, "feed"), expected);
}

TEST_F(SeenBlocksTest, KeysBeforeTheFirstBlockAndTheEdgeKeysMergeInOrder) {
  auto store = open();
  commit(store, "feed", {{1000, 1, 1}, {2000, 2, 1}});
  commit(store, "feed", {{kMaxKey, 3, 2}, {0, 4, 2}, {500, 5, 2}});
  commit(store, "feed", {{0, 6, 3}});  // the edge key again: replaced, not added
  EXPECT_EQ(load(store, "feed"),
            (std::vector<SeenEntry>{{0, 6, 3}, {500, 5, 2}, {1000, 1, 1}, {2000, 2, 1}, {kMaxKey, 3, 2}}));
  Sql sql(path_);
  const Blocks blocks = sql.blocks("feed");
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks.begin()->first, 0u);  // the block that started at 1000 now starts at 0
}

TEST_F(SeenBlocksTest, ManyRunsOverTheSameKeysKeepOneSortedSet) {
  // Random merges against a plain map: splits, keys before the first block, replacements.
  std::mt19937_64 random(13);
  std::map<std::uint64_t, SeenEntry> model;
  auto store = open();
  for (std::uint32_t run = 0; run < 30; ++run) {
    std::vector<SeenEntry> staged;
    const std::size_t count = 1 + random() % 700;
    for (std::size_t i = 0; i < count; ++i) {
      // Keys from a small pool, so runs replace each other's entries as well as add.
      const SeenEntry entry{(random() % 3000) << 52 | (random() % 4), static_cast<std::uint32_t>(random()), 1000 + run};
      staged.push_back(entry);
      model[entry.key] = entry;  // of a key staged twice, the later wins
    }
    commit(store, "feed", staged);
  }
  std::vector<SeenEntry> expected;
  for (const auto& [key, entry] : model) expected.push_back(entry);
  EXPECT_EQ(load(store, "feed"), expected);
  // Reopened: the same set, and every block within the most.
  auto reopened = open();
  EXPECT_EQ(load(reopened, "feed"), expected);
  Sql sql(path_);
  EXPECT_EQ(sql.number("SELECT max(entries) <= " + std::to_string(block_entries()) + " FROM seen_blocks"), 1);
}

TEST_F(SeenBlocksTest, ForgettingAConnectorLeavesTheOthersBlocks) {
  std::mt19937_64 random(14);
  const auto kept = random_entries(random, 3'000, 10);
  auto store = open();
  commit(store, "keep", kept);
  commit(store, "forget", random_entries(random, 3'000, 10));  // keys interleaved with the other's
  store.reset_connector("forget");
  EXPECT_TRUE(load(store, "forget").empty());
  EXPECT_EQ(load(store, "keep"), sorted(kept));
  Sql sql(path_);
  EXPECT_TRUE(sql.blocks("forget").empty());
}

TEST_F(SeenBlocksTest, ADamagedBlockIsAStateErrorNamingTheTable) {
  std::mt19937_64 random(15);
  const auto entries = random_entries(random, 2'000, 10);
  const auto expect_damaged = [&](const std::string& damage) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
    {
      auto store = open();
      commit(store, "feed", entries);
    }
    Sql(path_).exec(damage);
    auto store = open();
    try {
      load(store, "feed");
      ADD_FAILURE() << "loaded after: " << damage;
    } catch (const StateError& error) {
      EXPECT_NE(std::string(error.what()).find("seen_blocks"), std::string::npos) << error.what();
      EXPECT_NE(std::string(error.what()).find("feed"), std::string::npos) << error.what();
    }
    // A commit that reaches the damaged block refuses it too.
    EXPECT_THROW(commit(store, "feed", sorted(entries)), StateError) << damage;
  };
  const auto block = [](int index) {
    return "(SELECT first_key FROM seen_blocks ORDER BY first_key LIMIT 1 OFFSET " + std::to_string(index) + ")";
  };
  const std::string fourth = "UPDATE seen_blocks SET ";
  const std::string where = " WHERE first_key = " + block(3);
  expect_damaged(fourth + "body = substr(body, 1, length(body) / 2)" + where);
  expect_damaged(fourth + "body = randomblob(length(body))" + where);
  expect_damaged(fourth + "body = zeroblob(0)" + where);
  expect_damaged(fourth + "entries = entries + 1" + where);
  expect_damaged(fourth + "entries = 1000000000" + where);
  expect_damaged(fourth + "entries = -1" + where);
  // Two blocks that overlap: the fourth moved to start inside the third.
  expect_damaged(fourth + "first_key = " + block(2) + " + 1" + where);
}

// A version 6 database as that release left it: the shipped migrations 1–6 and a seen set in
// rows, for two connectors, with the edge keys and more than a block of entries.
void create_version_6_database(const std::string& path, const std::vector<SeenEntry>& rows) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  Sql sql(path);
  sql.exec("PRAGMA journal_mode=WAL");
  for (int version = 0; version < 6; ++version) sql.exec(migrations()[static_cast<std::size_t>(version)].sql);
  sql.exec("INSERT INTO connector_ids VALUES (1, 'threatfox'), (2, 'urlhaus')");
  sql.exec("BEGIN");
  for (const auto& row : rows) {
    sql.exec("INSERT INTO seen VALUES (1, " + std::to_string(to_sql_key(row.key)) + ", " + std::to_string(row.content) +
             ", " + std::to_string(row.sent_at) + ")");
  }
  sql.exec("INSERT INTO seen VALUES (2, 42, 7, 1700000000)");
  sql.exec("COMMIT; PRAGMA user_version=6");
}

TEST_F(SeenBlocksTest, MigratingAVersion6DatabasePacksItsSeenSet) {
  std::mt19937_64 random(16);
  auto rows = random_entries(random, 3'000, 1'700'000'000);
  rows.push_back({0, 1, 1});
  rows.push_back({kMaxKey, 2, ~0U});
  rows = sorted(rows);
  create_version_6_database(path_, rows);
  {
    auto store = open();
    // Migrated to the newest schema, through the packing of seen_blocks.
    EXPECT_EQ(store.schema_version(), static_cast<int>(migrations().size()));
    EXPECT_GT(store.schema_version(), kSeenBlocksSchema - 1);
    EXPECT_EQ(load(store, "threatfox"), rows);
    EXPECT_EQ(load(store, "urlhaus"), (std::vector<SeenEntry>{{from_sql_key(42), 7, 1700000000}}));
    Sql sql(path_);
    EXPECT_EQ(sql.number("SELECT count(*) FROM sqlite_schema WHERE name = 'seen'"), 0);
    EXPECT_EQ(sql.number("SELECT sum(entries) FROM seen_blocks"), static_cast<std::int64_t>(rows.size()) + 1);
    // The migrated set takes commits like any other.
    commit(store, "threatfox", {{5, 5, 5}});
    EXPECT_EQ(load(store, "threatfox").size(), rows.size() + 1);
  }
  // The backup is the version 6 file, and a read-only open of it reads the rows.
  StateStore old(path_ + ".v6.bak", StateStore::Mode::ReadOnly);
  EXPECT_EQ(old.schema_version(), 6);
  EXPECT_EQ(load(old, "threatfox"), rows);
}

}  // namespace
}  // namespace tcfeed::state
