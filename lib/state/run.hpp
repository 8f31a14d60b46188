#pragma once
// What a poll run stages besides its batches: the seen-set fingerprints of what it sends, and for
// full-list (snapshot) feeds the members of the new snapshot.
#include <cstdint>
#include <string>

namespace tcfeed::state {

// One poll of one connector. Its staged rows become visible only through commit_run
// (docs/architecture.md, Batch states).
using RunId = std::int64_t;

// Fingerprints only, so the seen set of millions of indicators stays small: `key` identifies
// (owner, type, value), `content` the fields whose change makes a re-send worthwhile.
struct SeenEntry {
  std::uint64_t key = 0;
  std::uint32_t content = 0;
  std::uint32_t sent_at = 0;  // unix seconds

  bool operator==(const SeenEntry&) const = default;
};

// A member of a full-list feed's snapshot, kept with its type and value so that a later snapshot
// without it can say what was removed.
struct SnapshotMember {
  std::uint64_t key = 0;
  std::string type;
  std::string value;

  bool operator==(const SnapshotMember&) const = default;
};

// For a connector with `expire_after` (an incremental feed): the members its run staged are what
// the poll mentioned. commit_run records them as mentioned at `mentioned_at` and deletes the
// mentions older than `expire_before` — the ones the run sent as deactivations.
struct MentionUpdate {
  std::int64_t mentioned_at = 0;
  std::int64_t expire_before = 0;  // at most mentioned_at, so what this run mentioned never expires
};

}  // namespace tcfeed::state
