#pragma once
// The schema as a list of numbered migrations: migration N takes the database from version N to
// N+1 (PRAGMA user_version). Append only; a shipped migration is never edited.
#include <span>

namespace tcfeed::state {

class Database;

struct Migration {
  const char* sql;
  // What SQL cannot do, run after `sql` in the same transaction (re-encoding rows).
  void (*then)(Database&) = nullptr;
};

std::span<const Migration> migrations();

// The schema version that has the outbox, seen set, snapshots and dead letters.
inline constexpr int kOutboxSchema = 3;
// The schema version that has the mentions of incremental feeds (`expire_after`).
inline constexpr int kMentionsSchema = 4;
// The schema version that keeps batch documents apart from the batch rows (batch_documents).
inline constexpr int kDocumentsSchema = 5;
// The schema version that keeps the seen set in packed blocks (seen_blocks) instead of `seen`.
inline constexpr int kSeenBlocksSchema = 7;
// The schema version that keeps each export's last good list (export_lists).
inline constexpr int kExportListsSchema = 8;
// The schema version that keeps the source ids connectors mapped (source_refs).
inline constexpr int kSourceRefsSchema = 9;

}  // namespace tcfeed::state
