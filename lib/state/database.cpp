#include "lib/state/database.hpp"

#include <sqlite3.h>

namespace tcfeed::state {
namespace {

[[noreturn]] void throw_state_error(sqlite3* db, const std::string& doing, int code) {
  const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
  std::string message = "state database ";
  message += file && *file ? file : "(not open)";
  message += ": " + doing + " failed: " + describe_sqlite_error(code);
  if (db) message += std::string(" (") + sqlite3_errmsg(db) + ")";
  throw StateError(message);
}

// The start of a statement's SQL on one line, enough to tell which step failed.
std::string summarize_sql(sqlite3_stmt* statement) {
  const char* sql = sqlite3_sql(statement);
  std::string out;
  for (const char* c = sql ? sql : ""; *c && out.size() < 60; ++c) {
    const bool space = *c == ' ' || *c == '\n' || *c == '\t';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : *c;
  }
  return "\"" + out + "...\"";
}

}  // namespace

std::string describe_sqlite_error(int code) {
  switch (code & 0xff) {
    case SQLITE_FULL: return "the disk is full; free space, then restart tcfeed";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return "the file is damaged; restore it from a backup or move it away";
    case SQLITE_IOERR: return "an I/O error (a failing disk or file system)";
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return "another process kept the database locked";
    case SQLITE_READONLY: return "the database is read-only here";
    case SQLITE_CANTOPEN: return "the file cannot be opened (missing directory or permissions)";
    case SQLITE_PERM:
    case SQLITE_AUTH: return "permission denied";
    case SQLITE_NOMEM: return "out of memory";
    case SQLITE_CONSTRAINT: return "a constraint was violated (a bug in tcfeed)";
    default: return sqlite3_errstr(code);
  }
}

Query::Query(sqlite3_stmt* statement, bool* in_use) : statement_(statement), in_use_(in_use) {}

Query::~Query() {
  if (in_use_) {
    // Reset releases the statement's read lock; unbinding drops pointers into callers' buffers.
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
    *in_use_ = false;
  } else {
    sqlite3_finalize(statement_);
  }
}

void Query::fail(int code) const { throw_state_error(sqlite3_db_handle(statement_), summarize_sql(statement_), code); }

Query& Query::bind(int index, std::int64_t number) {
  if (const int rc = sqlite3_bind_int64(statement_, index, number); rc != SQLITE_OK) fail(rc);
  return *this;
}

Query& Query::bind(int index, std::string_view text) {
  const int rc = sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) fail(rc);
  return *this;
}

Query& Query::bind_view(int index, std::string_view text) {
  const int rc = sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8);
  if (rc != SQLITE_OK) fail(rc);
  return *this;
}

Query& Query::bind_blob(int index, std::string_view bytes) {
  const int rc = sqlite3_bind_blob64(statement_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) fail(rc);
  return *this;
}

Query& Query::bind_blob_view(int index, std::string_view bytes) {
  const int rc = sqlite3_bind_blob64(statement_, index, bytes.data(), bytes.size(), SQLITE_STATIC);
  if (rc != SQLITE_OK) fail(rc);
  return *this;
}

bool Query::step() {
  const int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(rc);
}

void Query::run() {
  while (step()) {
  }
  reset();
}

void Query::reset() { sqlite3_reset(statement_); }

std::int64_t Query::int64(int column) const { return sqlite3_column_int64(statement_, column); }

std::string Query::text(int column) const {
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
  // Bytes, not strlen: a value is kept exactly as it was stored.
  return data ? std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column))) : std::string();
}

std::string_view Query::blob(int column) const {
  const auto* data = static_cast<const char*>(sqlite3_column_blob(statement_, column));
  // An empty blob is a null pointer.
  return data ? std::string_view(data, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)))
              : std::string_view();
}

bool Query::is_null(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }

Database::Database(const std::string& path, bool read_only) : path_(path) {
  const int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  // One connection shared by every thread, serialised by StateStore's mutex: SQLite's own mutexes
  // would only add cost.
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw StateError("cannot open state database " + path + ": " + describe_sqlite_error(rc) + " (" + message + ")");
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 5000);
}

Database::~Database() {
  for (auto& [sql, cached] : statements_) sqlite3_finalize(cached.statement);
  sqlite3_close(db_);
}

Query Database::query(std::string_view sql) {
  auto found = statements_.find(sql);
  if (found == statements_.end()) {
    sqlite3_stmt* statement = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                      &statement, nullptr);
    if (rc != SQLITE_OK) fail("preparing \"" + std::string(sql.substr(0, 60)) + "...\"", rc);
    found = statements_.emplace(std::string(sql), Cached{statement, false}).first;
  }
  if (found->second.in_use) {
    sqlite3_stmt* statement = nullptr;
    const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement, nullptr);
    if (rc != SQLITE_OK) fail("preparing \"" + std::string(sql.substr(0, 60)) + "...\"", rc);
    return Query(statement, nullptr);
  }
  found->second.in_use = true;
  return Query(found->second.statement, &found->second.in_use);
}

void Database::exec(const std::string& sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);
  if (rc != SQLITE_OK) fail("\"" + sql.substr(0, 60) + "\"", rc);
}

void Database::exec_quietly(const char* sql) noexcept { sqlite3_exec(db_, sql, nullptr, nullptr, nullptr); }

std::int64_t Database::changes() const { return sqlite3_changes64(db_); }

std::int64_t Database::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }

void Database::fail(const std::string& doing, int code) const { throw_state_error(db_, doing, code); }

void Database::fail(const std::string& doing) const { throw StateError("state database " + path_ + ": " + doing); }

Transaction::Transaction(Database& database, Durability durability) : database_(database) {
  // Every transaction states its level, so one that failed half-way can never leave a later
  // durable commit at NORMAL.
  database_.query(durability == Durability::Staging ? "PRAGMA synchronous=NORMAL" : "PRAGMA synchronous=FULL").run();
  database_.query("BEGIN IMMEDIATE").run();
  open_ = true;
}

Transaction::~Transaction() {
  // After a full disk or I/O error SQLite may already have rolled back; a second ROLLBACK is harmless.
  if (open_) database_.exec_quietly("ROLLBACK");
}

void Transaction::commit() {
  database_.query("COMMIT").run();
  open_ = false;
}

}  // namespace tcfeed::state
