#pragma once
// Incremental feeds with `expire_after` (docs/architecture.md, Full lists and expiry): an
// incremental poll only says what is new or updated, never what stopped being true. So every
// indicator a poll mentions — sent or skipped as unchanged alike — is recorded with the time, and
// what the source has not mentioned for `expire_after` is sent with active=false and forgotten,
// atomically with the run: the run's commit refreshes the mentions and deletes the expired ones
// together with its batches.
#include <cstdint>

#include "lib/config/config.hpp"
#include "lib/pipeline/stream/seen_set.hpp"
#include "lib/state/state_store.hpp"

namespace tcfeed::pipeline {

struct ExpiryReport {
  std::int64_t expired = 0;
  state::MentionUpdate commit;  // what commit_run must do with the mentions
};

// Stages the deactivations of `run` (whose mentions are staged as members) for the connector's
// expired mentions and forgets them in `seen`, so a re-mention sends the indicator again. Memory
// stays bounded: the expired entries stream from the state file a page at a time. The caller
// commits the run with `commit` — also after a not-modified poll, which mentions nothing while
// time still passes.
ExpiryReport stage_expiry(state::StateStore& state, state::RunId run, const config::ConnectorConfig& connector,
                          const config::Config& global, SeenSet& seen, std::int64_t now_unix);

}  // namespace tcfeed::pipeline
