#pragma once
// One poll of one connector through the streaming stages into the outbox (docs/architecture.md, Run): documents
// are staged as they fill and become pending, with the connector's new cursor, in one commit; a
// poll that fails leaves nothing behind and the cursor where it was.
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "lib/config/config.hpp"
#include "lib/pipeline/connector/connector.hpp"
#include "lib/pipeline/stream/counters.hpp"
#include "lib/pipeline/stream/policy.hpp"
#include "lib/pipeline/stream/seen_set.hpp"
#include "lib/state/state_store.hpp"

namespace tcfeed::pipeline {

// What a connector remembers between polls in a long-running daemon: its seen set, loaded from
// the state file on first use.
struct ConnectorMemory {
  SeenSet seen;
  std::uint32_t last_stamp = 0;  // the latest sent_at in `seen`
  bool loaded = false;

  void load(const state::StateStore& state, const std::string& connector);
  // A stamp for a new run: now, but strictly later than any earlier run's.
  std::uint32_t next_stamp(std::int64_t now_unix);
};

struct PollReport {
  RunCounters counters;
  bool not_modified = false;
  state::Cursor next;
  bool full_list = false;
  std::optional<std::int64_t> expires_unix = std::nullopt;  // PollResult::expires_unix: not polled again before
  // Records the format could not read (unmapped_unread): a full list with any is incomplete, and
  // nothing is removed from it this poll.
  std::size_t unread = 0;
  // Why this full list's removals were withheld (a guarded shrink, unreadable records); empty when
  // they were staged or there were none to make. The status page shows it as the poll's outcome.
  std::string removals_withheld;
};

struct PollContext {
  const config::ConnectorConfig& connector;
  const config::Config& global;
  const Policy& policy;
  std::span<const std::string> stripped_tags;
};

// Throws what the connector throws (SourceError…) after abandoning the run, and state::StateError.
PollReport poll_into_outbox(Connector& connector, const PollContext& context, state::StateStore& state,
                            ConnectorMemory& memory, std::int64_t now_unix);

struct DryRunOptions {
  // Neither the seen set nor the cursor (nor the source's validators) of the state file: what the
  // connector would send to an empty owner (`--from-scratch`).
  bool from_scratch = false;
  // `<dir>/<connector>-audit.jsonl`, a line per record and candidate (docs/audit.md).
  bool audit = true;
};

// --dry-run: the same stages into files in `dir`; the state file (when there is one) is only read.
PollReport poll_into_directory(Connector& connector, const PollContext& context, const state::StateStore* state,
                               const std::string& dir, std::int64_t now_unix, const DryRunOptions& options = {});

// The audit file of `connector` in a dry run's directory.
std::string audit_path(const std::string& dir, const std::string& connector);

}  // namespace tcfeed::pipeline
