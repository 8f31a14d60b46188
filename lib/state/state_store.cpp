#include "lib/state/state_store.hpp"

#include <sqlite3.h>

#include <filesystem>

namespace tcfeed::state {
namespace {

// Migration N takes the schema from version N to N+1. Append only; never edit a shipped one.
constexpr const char* kMigrations[] = {
    R"(CREATE TABLE cursors (
         connector TEXT PRIMARY KEY,
         position TEXT NOT NULL DEFAULT '',
         etag TEXT NOT NULL DEFAULT '',
         last_modified TEXT NOT NULL DEFAULT '',
         updated_at INTEGER NOT NULL
       ) STRICT;)",
    R"(CREATE TABLE attack_tags (
         technique_id TEXT PRIMARY KEY,
         name TEXT NOT NULL,
         fetched_at INTEGER NOT NULL
       ) STRICT;)",
};

class Statement {
public:
  Statement(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr) != SQLITE_OK) statement_ = nullptr;
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  sqlite3_stmt* get() const { return statement_; }
  explicit operator bool() const { return statement_ != nullptr; }
  void bind(int index, const std::string& text) {
    sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }

private:
  sqlite3_stmt* statement_ = nullptr;
};

std::string column_text(sqlite3_stmt* statement, int column) {
  const auto* text = sqlite3_column_text(statement, column);
  return text ? std::string(reinterpret_cast<const char*>(text)) : std::string();
}

}  // namespace

StateStore::StateStore(const std::string& path, Mode mode) : path_(path) {
  const int flags = mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY
                                           : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  if (mode == Mode::ReadWrite) {
    const auto parent = std::filesystem::path(path).parent_path();
    std::error_code ignored;
    if (!parent.empty()) std::filesystem::create_directories(parent, ignored);
  }
  if (sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw StateError("cannot open state database " + path + ": " + message);
  }
  sqlite3_busy_timeout(db_, 5000);
  if (mode == Mode::ReadOnly) return;
  try {
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=FULL");
    exec("PRAGMA foreign_keys=ON");
    Statement check(db_, "PRAGMA quick_check");
    if (!check || sqlite3_step(check.get()) != SQLITE_ROW || column_text(check.get(), 0) != "ok") {
      fail("quick_check failed (the file is damaged; restore it or move it away)");
    }
    migrate();
  } catch (...) {
    // A throwing constructor runs no destructor: close the handle here.
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

StateStore::~StateStore() { sqlite3_close(db_); }

void StateStore::fail(const std::string& what) const {
  throw StateError("state database " + path_ + ": " + what + (db_ ? std::string(" (") + sqlite3_errmsg(db_) + ")" : ""));
}

void StateStore::exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    throw StateError("state database " + path_ + ": " + text);
  }
}

int StateStore::schema_version() const {
  Statement version(db_, "PRAGMA user_version");
  if (!version || sqlite3_step(version.get()) != SQLITE_ROW) fail("cannot read the schema version");
  return sqlite3_column_int(version.get(), 0);
}

void StateStore::migrate() {
  const int current = schema_version();
  const int target = static_cast<int>(std::size(kMigrations));
  if (current > target) {
    fail("schema version " + std::to_string(current) + " is newer than this tcfeed knows (" +
         std::to_string(target) + "); run the newer tcfeed or restore the backup");
  }
  if (current > 0 && current < target) {
    // Keep the pre-migration database beside it: an upgrade can then always be undone.
    std::string backup = path_ + ".v" + std::to_string(current) + ".bak";
    std::string quoted;
    for (char c : backup) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    std::filesystem::remove(backup);
    exec(("VACUUM INTO '" + quoted + "'").c_str());
  }
  for (int version = current; version < target; ++version) {
    exec("BEGIN IMMEDIATE");
    try {
      exec(kMigrations[version]);
      exec(("PRAGMA user_version=" + std::to_string(version + 1)).c_str());
      exec("COMMIT");
    } catch (...) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }
}

std::optional<Cursor> StateStore::cursor(const std::string& connector) const {
  Statement query(db_, "SELECT position, etag, last_modified FROM cursors WHERE connector = ?");
  if (!query) {
    // A read-only open of a database that was never migrated has no table yet: no cursor.
    return std::nullopt;
  }
  query.bind(1, connector);
  const int step = sqlite3_step(query.get());
  if (step == SQLITE_DONE) return std::nullopt;
  if (step != SQLITE_ROW) fail("cannot read the cursor of " + connector);
  return Cursor{column_text(query.get(), 0), column_text(query.get(), 1), column_text(query.get(), 2)};
}

void StateStore::save_cursor(const std::string& connector, const Cursor& cursor) {
  Statement upsert(db_, R"(INSERT INTO cursors (connector, position, etag, last_modified, updated_at)
                           VALUES (?, ?, ?, ?, unixepoch())
                           ON CONFLICT(connector) DO UPDATE SET position = excluded.position,
                             etag = excluded.etag, last_modified = excluded.last_modified,
                             updated_at = excluded.updated_at)");
  if (!upsert) fail("cannot prepare the cursor update");
  upsert.bind(1, connector);
  upsert.bind(2, cursor.position);
  upsert.bind(3, cursor.etag);
  upsert.bind(4, cursor.last_modified);
  if (sqlite3_step(upsert.get()) != SQLITE_DONE) fail("cannot save the cursor of " + connector);
}

std::vector<std::pair<std::string, std::string>> StateStore::attack_tags(std::int64_t fetched_since) const {
  std::vector<std::pair<std::string, std::string>> tags;
  Statement query(db_, "SELECT technique_id, name FROM attack_tags WHERE fetched_at >= ? ORDER BY technique_id");
  if (!query) return tags;
  sqlite3_bind_int64(query.get(), 1, fetched_since);
  int step = 0;
  while ((step = sqlite3_step(query.get())) == SQLITE_ROW) {
    tags.emplace_back(column_text(query.get(), 0), column_text(query.get(), 1));
  }
  if (step != SQLITE_DONE) fail("cannot read the cached ATT&CK tags");
  return tags;
}

void StateStore::replace_attack_tags(const std::vector<std::pair<std::string, std::string>>& tags,
                                     std::int64_t fetched_at) {
  exec("BEGIN IMMEDIATE");
  try {
    exec("DELETE FROM attack_tags");
    Statement insert(db_, "INSERT OR REPLACE INTO attack_tags (technique_id, name, fetched_at) VALUES (?, ?, ?)");
    if (!insert) fail("cannot prepare the ATT&CK tag cache update");
    for (const auto& [id, name] : tags) {
      insert.bind(1, id);
      insert.bind(2, name);
      sqlite3_bind_int64(insert.get(), 3, fetched_at);
      if (sqlite3_step(insert.get()) != SQLITE_DONE) fail("cannot cache ATT&CK tag " + id);
      sqlite3_reset(insert.get());
    }
    exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

}  // namespace tcfeed::state
