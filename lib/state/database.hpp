#pragma once
// The one SQLite connection behind StateStore: cached prepared statements, write transactions and
// the translation of SQLite result codes into StateError messages an operator can act on. Not
// thread-safe by itself — StateStore serialises every use behind its mutex.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "lib/state/state_error.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace tcfeed::state {

// What a result code means for the operator: "the disk is full", "the file is damaged"...
std::string describe_sqlite_error(int code);

// Fingerprints are unsigned; SQLite integers are signed. Flipping the top bit maps one onto the
// other monotonically, so ORDER BY on the stored value is the fingerprints' unsigned order.
constexpr std::int64_t to_sql_key(std::uint64_t key) {
  return static_cast<std::int64_t>(key ^ (std::uint64_t{1} << 63));
}
constexpr std::uint64_t from_sql_key(std::int64_t stored) {
  return static_cast<std::uint64_t>(stored) ^ (std::uint64_t{1} << 63);
}

class Database;

// A cached statement checked out for one use: reset and unbound when it goes out of scope.
class Query {
 public:
  // `in_use` is the cache entry's flag, cleared again on release; null for a one-off statement.
  Query(sqlite3_stmt* statement, bool* in_use);
  ~Query();
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  Query& bind(int index, std::int64_t number);
  Query& bind(int index, std::string_view text);             // copied: safe for temporaries
  Query& bind_view(int index, std::string_view text);        // not copied: must outlive the Query
  Query& bind_blob(int index, std::string_view bytes);       // copied
  Query& bind_blob_view(int index, std::string_view bytes);  // not copied: must outlive the Query

  // Steps once: true with a row to read, false when done. Any error throws StateError.
  bool step();
  // Steps a statement that returns no rows, then resets it so it can be bound and run again.
  void run();
  // Rewinds the statement (bindings stay) to run it again.
  void reset();

  std::int64_t int64(int column) const;
  std::string text(int column) const;
  // The column's bytes, valid until the next step() or the end of the Query.
  std::string_view blob(int column) const;
  bool is_null(int column) const;

 private:
  [[noreturn]] void fail(int code) const;

  sqlite3_stmt* statement_;
  bool* in_use_;
};

class Database {
 public:
  Database(const std::string& path, bool read_only);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // A statement for `sql`, prepared once and kept for the life of the connection.
  Query query(std::string_view sql);
  // Runs SQL that returns no rows (several statements allowed); for DDL and pragmas.
  void exec(const std::string& sql);
  // For cleanup paths that must not throw (rollback after a failed write).
  void exec_quietly(const char* sql) noexcept;
  // Rows changed by the last INSERT, UPDATE or DELETE.
  std::int64_t changes() const;
  std::int64_t last_insert_id() const;
  const std::string& path() const { return path_; }

  // Throws StateError naming the file, what was being done and what the SQLite code means.
  [[noreturn]] void fail(const std::string& doing, int code) const;
  [[noreturn]] void fail(const std::string& doing) const;

 private:
  struct Cached {
    sqlite3_stmt* statement = nullptr;
    bool in_use = false;  // a nested use of the same SQL gets a one-off statement instead
  };

  std::string path_;
  sqlite3* db_ = nullptr;
  std::map<std::string, Cached, std::less<>> statements_;
};

// BEGIN IMMEDIATE ... COMMIT; rolled back unless committed. `Staging` transactions hold rows that
// are thrown away after a crash anyway, so they skip the fsync (synchronous=NORMAL): in WAL mode
// the next FULL commit syncs the log up to and including them, and a lost tail only loses staged
// rows that discard_abandoned_runs would have deleted.
class Transaction {
 public:
  enum class Durability { Full, Staging };

  explicit Transaction(Database& database, Durability durability = Durability::Full);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();

 private:
  Database& database_;
  bool open_ = false;
};

}  // namespace tcfeed::state
