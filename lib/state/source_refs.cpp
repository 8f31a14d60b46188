// The source ids a connector mapped (source_ref.hpp): staged with a run in memory, written at its
// commit, looked up by later runs, and pruned by age and count so the table stays bounded.
#include "lib/state/database.hpp"
#include "lib/state/migrations.hpp"
#include "lib/state/state_store.hpp"

namespace tcfeed::state {

void StateStore::stage_source_refs(RunId run, const std::string& connector, std::span<const SourceRef> refs) {
  std::lock_guard lock(mutex_);
  check_run(run, connector);
  // In memory until the commit, like the seen entries: invisible to lookups of other runs, lost
  // with a run that never commits.
  auto& staged = staged_refs_[run];
  staged.insert(staged.end(), refs.begin(), refs.end());
}

void StateStore::commit_source_refs_locked(RunId run, std::int64_t connector_id) {
  const auto staged = staged_refs_.find(run);
  if (staged == staged_refs_.end() || !has_schema(kSourceRefsSchema)) return;
  // MAX: a clock stepped back never makes a ref look older than it was.
  auto upsert = db_->query(R"(INSERT INTO source_refs (connector_id, ref, kind, value, seen_at)
                              VALUES (?, ?, ?, ?, ?)
                              ON CONFLICT (connector_id, ref, kind, value) DO UPDATE
                                SET seen_at = MAX(seen_at, excluded.seen_at))");
  for (const auto& ref : staged->second) {
    upsert.bind(1, connector_id).bind_view(2, ref.ref).bind_view(3, ref.kind).bind_view(4, ref.value);
    upsert.bind(5, ref.seen_at).run();
  }
}

std::vector<SourceRef> StateStore::source_refs(const std::string& connector, std::string_view ref) const {
  std::lock_guard lock(mutex_);
  std::vector<SourceRef> found;
  if (!has_schema(kSourceRefsSchema)) return found;
  const auto id = connector_id(connector);
  if (!id) return found;
  auto query = db_->query("SELECT kind, value, seen_at FROM source_refs WHERE connector_id = ? AND ref = ?");
  query.bind(1, *id).bind_view(2, ref);
  while (query.step()) found.push_back(SourceRef{std::string(ref), query.text(0), query.text(1), query.int64(2)});
  return found;
}

std::int64_t StateStore::prune_source_refs(const std::string& connector, std::int64_t seen_before,
                                           std::int64_t max_rows) {
  std::lock_guard lock(mutex_);
  if (!has_schema(kSourceRefsSchema) || mode_ == Mode::ReadOnly) return 0;
  const auto id = connector_id(connector);
  if (!id) return 0;
  Transaction transaction(*db_);
  db_->query("DELETE FROM source_refs WHERE connector_id = ? AND seen_at < ?").bind(1, *id).bind(2, seen_before).run();
  std::int64_t removed = db_->changes();
  // Beyond the bound, the oldest go first (the index's order).
  db_->query(R"(DELETE FROM source_refs WHERE connector_id = ?1 AND rowid IN (
                  SELECT rowid FROM source_refs WHERE connector_id = ?1
                  ORDER BY seen_at DESC LIMIT -1 OFFSET ?2))")
      .bind(1, *id)
      .bind(2, max_rows)
      .run();
  removed += db_->changes();
  transaction.commit();
  return removed;
}

std::int64_t StateStore::source_ref_count(const std::string& connector) const {
  return count_connector_rows("source_refs", kSourceRefsSchema, connector);
}

}  // namespace tcfeed::state
