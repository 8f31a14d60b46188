// StateStore: opening, migrating, cursors, the ATT&CK tag cache and the per-connector operator
// commands. The outbox, runs, membership and dead letters live in their own files.
#include "lib/state/state_store.hpp"

#include <filesystem>

#include "lib/state/database.hpp"
#include "lib/state/migrations.hpp"
#include "lib/state/seen_blocks.hpp"

namespace tcfeed::state {

StateStore::StateStore(const std::string& path, Mode mode) : mode_(mode) {
  if (mode == Mode::ReadWrite) {
    const auto parent = std::filesystem::path(path).parent_path();
    std::error_code ignored;
    if (!parent.empty()) std::filesystem::create_directories(parent, ignored);
  }
  db_ = std::make_unique<Database>(path, mode == Mode::ReadOnly);
  if (mode == Mode::ReadWrite) {
    // 16 KiB pages: a document of a megabyte is 64 pages, not 256, each one a system call to
    // write to the log, again to checkpoint and again to read; and an empty table still takes a
    // page, so the nineteen tables and indexes of an idle file take 0.3 MB, not the 1.2 MB of
    // 64 KiB pages (docs/architecture.md, The state file). Only a new file takes it; an existing
    // one keeps its page size.
    db_->exec("PRAGMA page_size=16384");
    db_->exec("PRAGMA journal_mode=WAL");
    // Checkpoint every 8 MiB of log, whatever the page size, and leave the log no larger, so a
    // burst of megabyte documents does not keep a large -wal file beside the database.
    db_->exec("PRAGMA wal_autocheckpoint=" + std::to_string(kLogBytes / page_size()));
    db_->exec("PRAGMA journal_size_limit=" + std::to_string(kLogBytes));
    db_->exec("PRAGMA synchronous=FULL");
    db_->exec("PRAGMA foreign_keys=ON");
    auto check = db_->query("PRAGMA quick_check");
    if (!check.step() || check.text(0) != "ok") {
      db_->fail("quick_check: the file is damaged; restore it from a backup or move it away (" + check.text(0) + ")");
    }
  }
  seen_block_entries_ = seen_block_entries(page_size());
  schema_version_ = schema_version();
  if (mode == Mode::ReadWrite) migrate();
}

StateStore::~StateStore() = default;

std::int64_t StateStore::page_size() const {
  auto query = db_->query("PRAGMA page_size");
  if (!query.step() || query.int64(0) <= 0) db_->fail("cannot read the page size");
  return query.int64(0);
}

int StateStore::schema_version() const {
  std::lock_guard lock(mutex_);
  auto version = db_->query("PRAGMA user_version");
  if (!version.step()) db_->fail("cannot read the schema version");
  return static_cast<int>(version.int64(0));
}

void StateStore::migrate() {
  const auto steps = migrations();
  const int target = static_cast<int>(steps.size());
  const int current = schema_version_;
  if (current > target) {
    db_->fail("schema version " + std::to_string(current) + " is newer than this tcfeed knows (" +
              std::to_string(target) + "); run the newer tcfeed or restore the backup");
  }
  if (current > 0 && current < target) {
    // Keep the pre-migration database beside it: an upgrade can then always be undone.
    const std::string backup = db_->path() + ".v" + std::to_string(current) + ".bak";
    std::string quoted;
    for (char c : backup) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    std::filesystem::remove(backup);
    db_->exec("VACUUM INTO '" + quoted + "'");
  }
  for (int version = current; version < target; ++version) {
    Transaction transaction(*db_);
    const Migration& step = steps[static_cast<std::size_t>(version)];
    db_->exec(step.sql);
    if (step.then) step.then(*db_);
    db_->exec("PRAGMA user_version=" + std::to_string(version + 1));
    transaction.commit();
    schema_version_ = version + 1;
  }
}

void StateStore::release_free_pages_locked() {
  // Only once the outbox is empty: while documents wait, the pages they free are reused by the
  // next poll's documents.
  {
    auto any = db_->query("SELECT 1 FROM batches LIMIT 1");
    if (any.step()) return;
  }
  std::int64_t free_pages = 0, pages = 0, page_bytes = 0;
  {
    auto query = db_->query(
        "SELECT freelist_count, page_count, page_size FROM pragma_freelist_count, pragma_page_count, pragma_page_size");
    if (!query.step()) return;
    free_pages = query.int64(0);
    pages = query.int64(1);
    page_bytes = query.int64(2);
  }
  // And only when at least half the file is free, so the rewrite (its cost is what is left: the
  // seen set and snapshots) is paid at most once per that much delivered. VACUUM rewrites the file
  // in order; moving pages one by one (auto_vacuum=INCREMENTAL) took ten times the CPU in the
  // delivery benchmark. In WAL mode the file shrinks at the checkpoint; TRUNCATE empties the log.
  if (free_pages * page_bytes < kFreeBytesWorthReleasing || free_pages * 2 < pages) return;
  db_->exec("VACUUM");
  db_->query("PRAGMA wal_checkpoint(TRUNCATE)").run();
}

std::optional<Cursor> StateStore::cursor(const std::string& connector) const {
  std::lock_guard lock(mutex_);
  // A read-only open of a database that was never migrated has no table yet: no cursor.
  if (!has_schema(1)) return std::nullopt;
  auto query = db_->query("SELECT position, etag, last_modified FROM cursors WHERE connector = ?");
  query.bind(1, connector);
  if (!query.step()) return std::nullopt;
  return Cursor{query.text(0), query.text(1), query.text(2)};
}

void StateStore::save_cursor(const std::string& connector, const Cursor& cursor) {
  std::lock_guard lock(mutex_);
  Transaction transaction(*db_);
  save_cursor_locked(connector, cursor);
  transaction.commit();
}

void StateStore::save_cursor_locked(const std::string& connector, const Cursor& cursor) {
  db_->query(R"(INSERT INTO cursors (connector, position, etag, last_modified, updated_at)
                VALUES (?, ?, ?, ?, unixepoch())
                ON CONFLICT(connector) DO UPDATE SET position = excluded.position,
                  etag = excluded.etag, last_modified = excluded.last_modified,
                  updated_at = excluded.updated_at)")
      .bind(1, connector)
      .bind(2, cursor.position)
      .bind(3, cursor.etag)
      .bind(4, cursor.last_modified)
      .run();
}

std::vector<std::pair<std::string, Cursor>> StateStore::cursors() const {
  std::lock_guard lock(mutex_);
  std::vector<std::pair<std::string, Cursor>> out;
  if (!has_schema(1)) return out;
  auto query = db_->query("SELECT connector, position, etag, last_modified FROM cursors ORDER BY connector");
  while (query.step()) out.emplace_back(query.text(0), Cursor{query.text(1), query.text(2), query.text(3)});
  return out;
}

std::vector<std::pair<std::string, std::string>> StateStore::attack_tags(std::int64_t fetched_since) const {
  std::lock_guard lock(mutex_);
  std::vector<std::pair<std::string, std::string>> tags;
  if (!has_schema(2)) return tags;
  auto query = db_->query("SELECT technique_id, name FROM attack_tags WHERE fetched_at >= ? ORDER BY technique_id");
  query.bind(1, fetched_since);
  while (query.step()) tags.emplace_back(query.text(0), query.text(1));
  return tags;
}

void StateStore::replace_attack_tags(const std::vector<std::pair<std::string, std::string>>& tags,
                                     std::int64_t fetched_at) {
  std::lock_guard lock(mutex_);
  Transaction transaction(*db_);
  db_->query("DELETE FROM attack_tags").run();
  for (const auto& [id, name] : tags) {
    db_->query("INSERT OR REPLACE INTO attack_tags (technique_id, name, fetched_at) VALUES (?, ?, ?)")
        .bind(1, id)
        .bind(2, name)
        .bind(3, fetched_at)
        .run();
  }
  transaction.commit();
}

std::int64_t StateStore::count_connector_rows(std::string_view table, int schema, const std::string& connector) const {
  std::lock_guard lock(mutex_);
  if (!has_schema(schema)) return 0;
  auto query = db_->query("SELECT count(*) FROM " + std::string(table) +
                          " WHERE connector_id = (SELECT id FROM connector_ids WHERE name = ?)");
  query.bind(1, connector);
  return query.step() ? query.int64(0) : 0;
}

std::optional<std::int64_t> StateStore::connector_id(const std::string& connector) const {
  auto query = db_->query("SELECT id FROM connector_ids WHERE name = ?");
  query.bind(1, connector);
  if (!query.step()) return std::nullopt;
  return query.int64(0);
}

std::int64_t StateStore::ensure_connector_id(const std::string& connector) {
  if (const auto id = connector_id(connector)) return *id;
  db_->query("INSERT INTO connector_ids (name) VALUES (?)").bind(1, connector).run();
  return db_->last_insert_id();
}

void StateStore::reset_connector(const std::string& connector) {
  std::lock_guard lock(mutex_);
  Transaction transaction(*db_);
  db_->query("DELETE FROM cursors WHERE connector = ?").bind(1, connector).run();
  if (const auto id = connector_id(connector)) {
    db_->query("DELETE FROM seen_blocks WHERE connector_id = ?").bind(1, *id).run();
    db_->query("DELETE FROM snapshot_members WHERE connector_id = ?").bind(1, *id).run();
    db_->query("DELETE FROM mentions WHERE connector_id = ?").bind(1, *id).run();
    if (has_schema(kSourceRefsSchema)) db_->query("DELETE FROM source_refs WHERE connector_id = ?").bind(1, *id).run();
  }
  transaction.commit();
}

}  // namespace tcfeed::state
