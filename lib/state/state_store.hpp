#pragma once
// The state database (SQLite): numbered migrations, WAL, synchronous=FULL, one writer. For now it
// keeps connector cursors and the platform's ATT&CK tag list; the outbox, seen set and dead
// letters arrive with the daemon.
#include <memory>
#include <optional>
#include <stdexcept>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "lib/state/cursor.hpp"

struct sqlite3;

namespace tcfeed::state {

// An I/O, full-disk, corruption or schema problem. The daemon stops on it rather than guessing.
class StateError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

class StateStore {
public:
  enum class Mode { ReadWrite, ReadOnly };

  // Opens (creating and migrating in ReadWrite mode) the database at `path`.
  StateStore(const std::string& path, Mode mode);
  ~StateStore();
  StateStore(const StateStore&) = delete;
  StateStore& operator=(const StateStore&) = delete;

  std::optional<Cursor> cursor(const std::string& connector) const;
  void save_cursor(const std::string& connector, const Cursor& cursor);

  // The platform's ATT&CK tag list (technique id, name), cached with the time it was fetched.
  std::vector<std::pair<std::string, std::string>> attack_tags(std::int64_t fetched_since) const;
  void replace_attack_tags(const std::vector<std::pair<std::string, std::string>>& tags, std::int64_t fetched_at);

  int schema_version() const;

private:
  void migrate();
  void exec(const char* sql);
  [[noreturn]] void fail(const std::string& what) const;

  std::string path_;
  sqlite3* db_ = nullptr;
};

}  // namespace tcfeed::state
