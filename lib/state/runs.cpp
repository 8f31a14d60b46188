// Poll runs: staging and the one commit that makes a run's batches, seen entries, snapshot and
// cursor visible together (docs/architecture.md, Batch states).
#include <algorithm>
#include <limits>

#include "lib/state/database.hpp"
#include "lib/state/seen_blocks.hpp"
#include "lib/state/state_store.hpp"

namespace tcfeed::state {

void StateStore::check_run(RunId run, const std::string& connector) const {
  auto query = db_->query("SELECT connector FROM runs WHERE id = ?");
  query.bind(1, run);
  if (!query.step()) {
    db_->fail("run " + std::to_string(run) + " of " + connector + " is not open (committed or abandoned already)");
  }
  if (const std::string owner = query.text(0); owner != connector) {
    db_->fail("run " + std::to_string(run) + " belongs to " + owner + ", not " + connector);
  }
}

RunId StateStore::begin_run(const std::string& connector) {
  std::lock_guard lock(mutex_);
  Transaction transaction(*db_, Transaction::Durability::Staging);
  db_->query("INSERT INTO runs (connector, started_at) VALUES (?, unixepoch())").bind(1, connector).run();
  const RunId run = db_->last_insert_id();
  transaction.commit();
  return run;
}

void StateStore::stage_batch(RunId run, const std::string& connector, const std::string& owner,
                             const std::string& settings_json, std::string_view document, std::int64_t indicators,
                             std::int64_t now_unix) {
  std::lock_guard lock(mutex_);
  Transaction transaction(*db_, Transaction::Durability::Staging);
  check_run(run, connector);
  db_->query(R"(INSERT INTO batches (state, run_id, connector, owner, settings_json, indicators,
                                     next_attempt_at, created_at)
                VALUES ('staged', ?, ?, ?, ?, ?, ?, ?))")
      .bind(1, run)
      .bind(2, connector)
      .bind(3, owner)
      .bind(4, settings_json)
      .bind(5, indicators)
      .bind(6, now_unix)
      .bind(7, now_unix)
      .run();
  db_->query("INSERT INTO batch_documents (batch_id, document) VALUES (?, ?)")
      .bind(1, db_->last_insert_id())
      .bind_view(2, document)  // up to megabytes: not copied, it outlives the statement
      .run();
  transaction.commit();
}

void StateStore::stage_seen(RunId run, const std::string& connector, std::span<const SeenEntry> entries) {
  std::lock_guard lock(mutex_);
  check_run(run, connector);
  // In memory until the commit: invisible to every reader like staged rows, and lost with the
  // process like the staged rows that discard_abandoned_runs deletes. A deque grows by blocks,
  // never copying what it holds into a buffer twice as large.
  auto& staged = staged_seen_[run];
  staged.insert(staged.end(), entries.begin(), entries.end());
}

void StateStore::stage_snapshot_members(RunId run, const std::string& connector,
                                        std::span<const SnapshotMember> members) {
  std::lock_guard lock(mutex_);
  Transaction transaction(*db_, Transaction::Durability::Staging);
  check_run(run, connector);
  auto insert = db_->query("INSERT OR REPLACE INTO staged_members (run_id, key, type, value) VALUES (?, ?, ?, ?)");
  for (const auto& member : members) {
    insert.bind(1, run).bind(2, to_sql_key(member.key)).bind_view(3, member.type).bind_view(4, member.value).run();
  }
  transaction.commit();
}

void StateStore::publish_staged_locked(RunId run, std::int64_t connector_id, const std::string& connector) {
  db_->query("UPDATE batches SET state = 'pending', run_id = NULL WHERE run_id = ?").bind(1, run).run();
  if (auto staged = staged_seen_.find(run); staged != staged_seen_.end()) {
    // Merged into the connector's blocks in key order, so each block is read and written once
    // (docs/architecture.md, The state file). Sorted by position, 4 bytes an entry, rather than
    // moving the 16-byte entries (a stable sort would take a buffer as large as they are); of a
    // key staged twice the later one wins.
    const auto& entries = staged->second;
    std::vector<std::uint32_t> order(entries.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return entries[a].key != entries[b].key ? entries[a].key < entries[b].key : a < b;
    });
    SeenBlockMerge merge(*db_, connector_id, connector, seen_block_entries_);
    for (std::size_t i = 0; i < order.size(); ++i) {
      if (i + 1 < order.size() && entries[order[i + 1]].key == entries[order[i]].key) continue;
      merge.add(entries[order[i]]);
    }
    merge.finish();
  }
}

void StateStore::commit_run(RunId run, const std::string& connector, const Cursor& next, bool replace_snapshot,
                            const std::optional<MentionUpdate>& mentions) {
  std::lock_guard lock(mutex_);
  Transaction transaction(*db_);
  check_run(run, connector);
  const std::int64_t id = ensure_connector_id(connector);
  publish_staged_locked(run, id, connector);
  if (replace_snapshot) {
    db_->query(R"(DELETE FROM snapshot_members WHERE connector_id = ?1 AND NOT EXISTS
                    (SELECT 1 FROM staged_members s WHERE s.run_id = ?2 AND s.key = snapshot_members.key))")
        .bind(1, id)
        .bind(2, run)
        .run();
    db_->query(R"(INSERT INTO snapshot_members (connector_id, key, type, value)
                  SELECT ?, key, type, value FROM staged_members WHERE run_id = ?
                  ON CONFLICT (connector_id, key) DO UPDATE
                    SET type = excluded.type, value = excluded.value
                    WHERE type != excluded.type OR value != excluded.value)")
        .bind(1, id)
        .bind(2, run)
        .run();
  }
  if (mentions) commit_mentions_locked(run, id, *mentions);
  commit_source_refs_locked(run, id);
  db_->query("DELETE FROM staged_members WHERE run_id = ?").bind(1, run).run();
  save_cursor_locked(connector, next);
  db_->query("DELETE FROM runs WHERE id = ?").bind(1, run).run();
  transaction.commit();
  staged_seen_.erase(run);
  staged_refs_.erase(run);
}

void StateStore::checkpoint_run(RunId run, const std::string& connector, const Cursor& cursor,
                                std::optional<std::int64_t> mentioned_at) {
  std::lock_guard lock(mutex_);
  Transaction transaction(*db_);
  check_run(run, connector);
  const std::int64_t id = ensure_connector_id(connector);
  publish_staged_locked(run, id, connector);
  // Recorded now, expired by nobody: what expires is decided once, at the run's commit, and what a
  // checkpoint recorded at mentioned_at is never older than that commit's limit.
  if (mentioned_at) commit_mentions_locked(run, id, {*mentioned_at, std::numeric_limits<std::int64_t>::min()});
  commit_source_refs_locked(run, id);
  db_->query("DELETE FROM staged_members WHERE run_id = ?").bind(1, run).run();
  save_cursor_locked(connector, cursor);
  transaction.commit();
  staged_seen_.erase(run);
  staged_refs_.erase(run);
}

void StateStore::abandon_run(RunId run) {
  std::lock_guard lock(mutex_);
  staged_seen_.erase(run);
  staged_refs_.erase(run);
  Transaction transaction(*db_, Transaction::Durability::Staging);
  db_->query("DELETE FROM batches WHERE run_id = ?").bind(1, run).run();
  db_->query("DELETE FROM staged_members WHERE run_id = ?").bind(1, run).run();
  db_->query("DELETE FROM runs WHERE id = ?").bind(1, run).run();
  transaction.commit();
}

std::int64_t StateStore::discard_abandoned_runs() {
  std::lock_guard lock(mutex_);
  // Every run still open at start belongs to a process that died before commit_run: nothing of it
  // was ever visible, and its cursor never moved, so the next poll fetches the same data again.
  Transaction transaction(*db_);
  db_->query("DELETE FROM batches WHERE state = 'staged'").run();
  const std::int64_t removed = db_->changes();
  db_->query("DELETE FROM staged_members").run();
  db_->query("DELETE FROM runs").run();
  transaction.commit();
  return removed;
}

}  // namespace tcfeed::state
