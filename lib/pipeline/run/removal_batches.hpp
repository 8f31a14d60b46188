#pragma once
// The batches that take indicators back — deactivations (active=false, nothing else, so what the
// platform holds stays) or deletions — staged with a run, and the same entries forgotten in the
// seen set (persisted with each batch), so an indicator that comes back is sent again at once.
// Shared by full-list removals (`removed`) and incremental expiry (`expire_after`).
#include <cstdint>
#include <string>
#include <vector>

#include "lib/config/config.hpp"
#include "lib/pipeline/stream/batch_assembler.hpp"
#include "lib/pipeline/stream/seen_set.hpp"
#include "lib/state/state_store.hpp"

namespace tcfeed::pipeline {

class RemovalBatches {
 public:
  enum class Action { Deactivate, Delete };

  RemovalBatches(state::StateStore& state, state::RunId run, const config::ConnectorConfig& connector,
                 const config::Config& global, SeenSet& seen, Action action, std::int64_t now_unix);

  // One entry to take back; a full document is staged as soon as the next one would not fit.
  void add(const state::SnapshotMember& member);
  // Stages the last, partly filled document.
  void finish();
  std::int64_t count() const { return count_; }

 private:
  void flush();

  state::StateStore& state_;
  state::RunId run_;
  const config::ConnectorConfig& connector_;
  SeenSet& seen_;
  Action action_;
  std::int64_t now_unix_;
  std::string settings_;
  BatchAssembler assembler_;
  std::vector<state::SeenEntry> forgotten_;
  std::string item_;
  std::int64_t count_ = 0;
};

}  // namespace tcfeed::pipeline
