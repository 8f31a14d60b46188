#pragma once
// The schema as a list of numbered migrations: migration N takes the database from version N to
// N+1 (PRAGMA user_version). Append only; a shipped migration is never edited.
#include <span>

namespace tcfeed::state {

std::span<const char* const> migrations();

// The schema version that has the outbox, seen set, snapshots and dead letters.
inline constexpr int kOutboxSchema = 3;
// The schema version that has the mentions of incremental feeds (`expire_after`).
inline constexpr int kMentionsSchema = 4;
// The schema version that keeps batch documents apart from the batch rows (batch_documents).
inline constexpr int kDocumentsSchema = 5;

}  // namespace tcfeed::state
