#pragma once
// Whether an indicator goes out again (docs/architecture.md, Stream): one pure decision over what the seen
// set remembers of it.
#include <cstdint>

#include "lib/pipeline/stream/seen_set.hpp"

namespace tcfeed::pipeline {

enum class SeenVerdict {
  Send,            // new, changed, or due for a refresh
  DuplicateInRun,  // already queued by this run
  Unchanged,       // delivered as it is now, within the refresh window
};

// What the seen set keeps for an indicator tcfeed took back (deactivated or deleted, because a full
// list dropped it or an incremental feed stopped mentioning it): never sent as anything, so it is
// sent at once when it returns — and with active=true, since the platform keeps a flag that a
// batch item leaves out. Real entries carry a run stamp, never 0.
inline constexpr SeenSet::Entry kTakenBack{0, 0, 0};
inline bool taken_back(const SeenSet::Entry& entry) {
  return entry.content == kTakenBack.content && entry.sent_at == kTakenBack.sent_at;
}

// `run_stamp` is this run's sent_at, strictly later than any earlier run's of the connector, so
// an entry carrying it was queued by this very run.
inline SeenVerdict judge_seen(const SeenSet::Entry* previous, std::uint32_t content, std::uint32_t run_stamp,
                              std::uint32_t refresh_seconds) {
  if (previous == nullptr) return SeenVerdict::Send;
  if (previous->sent_at == run_stamp) return SeenVerdict::DuplicateInRun;
  if (previous->content == content && run_stamp - previous->sent_at < refresh_seconds) return SeenVerdict::Unchanged;
  return SeenVerdict::Send;
}

}  // namespace tcfeed::pipeline
