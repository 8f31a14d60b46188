// The mentions of incremental feeds with `expire_after` (DESIGN §4): what each poll mentioned is
// upserted with the time at commit, and what was not mentioned for `expire_after` is read back
// oldest first, a page at a time, so an expiry of millions never sits in memory.
#include <limits>

#include "lib/state/database.hpp"
#include "lib/state/migrations.hpp"
#include "lib/state/state_store.hpp"

namespace tcfeed::state {
namespace {

constexpr std::int64_t kPageRows = 4096;

}  // namespace

void StateStore::commit_mentions_locked(RunId run, std::int64_t connector_id, const MentionUpdate& mentions) {
  // MAX: a clock stepped back never makes a mention look older than it was.
  db_->query(R"(INSERT INTO mentions (connector_id, key, type, value, last_mentioned)
                SELECT ?1, key, type, value, ?2 FROM staged_members WHERE run_id = ?3
                ON CONFLICT (connector_id, key) DO UPDATE
                  SET type = excluded.type, value = excluded.value,
                      last_mentioned = MAX(last_mentioned, excluded.last_mentioned))")
      .bind(1, connector_id)
      .bind(2, mentions.mentioned_at)
      .bind(3, run)
      .run();
  // Exactly the entries expired_mentions listed for this run: everything the run mentioned now
  // has last_mentioned >= mentioned_at >= expire_before.
  db_->query("DELETE FROM mentions WHERE connector_id = ? AND last_mentioned < ?")
      .bind(1, connector_id)
      .bind(2, mentions.expire_before)
      .run();
}

void StateStore::expired_mentions(RunId run, const std::string& connector, std::int64_t mentioned_before,
                                  const std::function<void(const SnapshotMember&)>& each) const {
  std::optional<std::int64_t> id;
  {
    std::lock_guard lock(mutex_);
    check_run(run, connector);
    if (!has_schema(kMentionsSchema)) return;
    id = connector_id(connector);
  }
  if (!id) return;
  // Paged by (last_mentioned, key), the index's order: each page starts after the last row of the
  // one before (no mention is ever at the smallest time and key), so the callback may stage
  // batches between pages; the rows it is handed stay expired until this run commits.
  std::vector<SnapshotMember> rows;
  std::int64_t after_time = std::numeric_limits<std::int64_t>::min();
  std::int64_t after_key = std::numeric_limits<std::int64_t>::min();
  for (;;) {
    rows.clear();
    {
      std::lock_guard lock(mutex_);
      auto query = db_->query(R"(SELECT last_mentioned, key, type, value FROM mentions m
                                 WHERE m.connector_id = ?1 AND m.last_mentioned < ?2
                                   AND (m.last_mentioned, m.key) > (?3, ?4)
                                   AND NOT EXISTS (SELECT 1 FROM staged_members s
                                                   WHERE s.run_id = ?5 AND s.key = m.key)
                                 ORDER BY m.last_mentioned, m.key LIMIT ?6)");
      query.bind(1, *id).bind(2, mentioned_before).bind(3, after_time).bind(4, after_key);
      query.bind(5, run).bind(6, kPageRows);
      while (query.step()) {
        after_time = query.int64(0);
        after_key = query.int64(1);
        rows.push_back(SnapshotMember{from_sql_key(after_key), query.text(2), query.text(3)});
      }
    }
    for (const auto& row : rows) each(row);
    if (static_cast<std::int64_t>(rows.size()) < kPageRows) return;
  }
}

std::int64_t StateStore::mention_count(const std::string& connector) const {
  return count_connector_rows("mentions", kMentionsSchema, connector);
}

}  // namespace tcfeed::state
