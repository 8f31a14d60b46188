// Each export's last good list (docs/exports.md, Restarts): read at start, replaced whole after
// every refresh that changed it.
#include "lib/state/database.hpp"
#include "lib/state/migrations.hpp"
#include "lib/state/state_store.hpp"

namespace tcfeed::state {

std::optional<ExportListRow> StateStore::export_list(const std::string& name) const {
  std::lock_guard lock(mutex_);
  if (!has_schema(kExportListsSchema)) return std::nullopt;
  auto query = db_->query(
      "SELECT entries, entry_count, since, refreshed_at, full_at, held_shrink FROM export_lists WHERE name = ?");
  query.bind(1, name);
  if (!query.step()) return std::nullopt;
  ExportListRow row;
  row.name = name;
  row.entries = std::string(query.blob(0));
  row.entry_count = query.int64(1);
  row.since = query.text(2);
  row.refreshed_at = query.int64(3);
  row.full_at = query.int64(4);
  if (!query.is_null(5)) row.held_shrink = query.int64(5);
  return row;
}

void StateStore::save_export_list(const ExportListRow& row) {
  std::lock_guard lock(mutex_);
  Transaction transaction(*db_);
  auto query =
      db_->query(R"(INSERT OR REPLACE INTO export_lists (name, entries, entry_count, since, refreshed_at, full_at,
                held_shrink) VALUES (?, ?, ?, ?, ?, ?, ?))");
  query.bind(1, row.name)
      .bind_blob_view(2, row.entries)  // a large list is not copied once more
      .bind(3, row.entry_count)
      .bind(4, row.since)
      .bind(5, row.refreshed_at)
      .bind(6, row.full_at);
  if (row.held_shrink) query.bind(7, *row.held_shrink);
  query.run();
  transaction.commit();
}

void StateStore::save_export_marks(const ExportListRow& row) {
  std::lock_guard lock(mutex_);
  Transaction transaction(*db_);
  auto query = db_->query(R"(UPDATE export_lists SET since = ?, refreshed_at = ?, full_at = ?, held_shrink = ?
                             WHERE name = ?)");
  query.bind(1, row.since).bind(2, row.refreshed_at).bind(3, row.full_at);
  if (row.held_shrink) query.bind(4, *row.held_shrink);
  query.bind(5, row.name);
  query.run();
  transaction.commit();
}

}  // namespace tcfeed::state
