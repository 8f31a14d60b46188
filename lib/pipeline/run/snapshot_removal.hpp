#pragma once
// Full-list feeds (docs/architecture.md, Full lists and expiry): the entries of the previous list
// that this poll's list no longer has are deactivated (sent with active=false) or deleted (a Delete
// job) — unless the list shrank by more than `removed_guard`, which looks like a truncated download
// and must never wipe an owner: then nothing is removed, it is said, and the previous list stays
// the reference.
#include <cstdint>
#include <string>

#include "lib/config/config.hpp"
#include "lib/pipeline/stream/seen_set.hpp"
#include "lib/state/state_store.hpp"

namespace tcfeed::pipeline {

struct RemovalReport {
  std::int64_t previous = 0;  // entries of the previous list
  std::int64_t removed = 0;   // of them, no longer listed
  bool guarded = false;       // too many: nothing removed, the previous list kept as the reference
};

// Stages the removal batches of `run` (whose members are staged) and forgets the removed entries
// in `seen`, so an entry that comes back is sent again. The caller commits the run, replacing the
// snapshot unless the report says `guarded`.
RemovalReport stage_removals(state::StateStore& state, state::RunId run, const config::ConnectorConfig& connector,
                             const config::Config& global, SeenSet& seen, std::int64_t now_unix);

}  // namespace tcfeed::pipeline
