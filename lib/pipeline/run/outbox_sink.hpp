#pragma once
// Stages a run's documents and seen-set rows in the state file; they become pending batches only
// when the run commits, together with the connector's new cursor (docs/architecture.md, Batch states).
#include <string>

#include "lib/pipeline/stream/indicator_stream.hpp"
#include "lib/state/state_store.hpp"

namespace tcfeed::pipeline {

class OutboxSink final : public BatchSink {
 public:
  OutboxSink(state::StateStore& state, state::RunId run, std::string connector, std::string owner,
             std::string settings_json, std::int64_t now_unix)
      : state_(state),
        run_(run),
        connector_(std::move(connector)),
        owner_(std::move(owner)),
        settings_json_(std::move(settings_json)),
        now_unix_(now_unix) {}

  void batch(std::string_view document, std::size_t indicators, std::span<const state::SeenEntry> seen) override {
    state_.stage_batch(run_, connector_, owner_, settings_json_, document, static_cast<std::int64_t>(indicators),
                       now_unix_);
    state_.stage_seen(run_, connector_, seen);
  }
  void members(std::span<const state::SnapshotMember> members) override {
    state_.stage_snapshot_members(run_, connector_, members);
  }
  void source_refs(std::span<const state::SourceRef> refs) override {
    state_.stage_source_refs(run_, connector_, refs);
  }

 private:
  state::StateStore& state_;
  state::RunId run_;
  std::string connector_;
  std::string owner_;
  std::string settings_json_;
  std::int64_t now_unix_;
};

}  // namespace tcfeed::pipeline
