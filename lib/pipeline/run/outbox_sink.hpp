#pragma once
// Stages a run's documents and seen-set rows in the state file; they become pending batches only
// when the run commits, together with the connector's new cursor (docs/architecture.md, Batch states),
// or at a checkpoint the connector offers, with the cursor it names (docs/architecture.md, Checkpoints).
#include <chrono>
#include <optional>
#include <string>

#include <spdlog/spdlog.h>

#include "lib/core/crash_point.hpp"

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

  // Checkpoints are committed only when enabled (never for a run that keeps a full list) and then
  // spaced out: each one hands over a partly filled document, a small job of its own on the
  // platform, and costs an fsync. One is due once a full document was staged since the last commit
  // — a crash then costs at most about a document's worth of the poll — or kCheckpointInterval has
  // passed, for a slow source whose documents take long to fill.
  static constexpr std::chrono::seconds kCheckpointInterval{60};
  void enable_checkpoints(std::optional<std::int64_t> mentioned_at) {
    checkpoints_enabled_ = true;
    mentioned_at_ = mentioned_at;
    last_commit_ = std::chrono::steady_clock::now();
  }
  std::size_t checkpoints() const { return checkpoints_; }

  void batch(std::string_view document, std::size_t indicators, std::span<const state::SeenEntry> seen) override {
    state_.stage_batch(run_, connector_, owner_, settings_json_, document, static_cast<std::int64_t>(indicators),
                       now_unix_);
    state_.stage_seen(run_, connector_, seen);
    ++staged_since_commit_;
  }
  void members(std::span<const state::SnapshotMember> members) override {
    state_.stage_snapshot_members(run_, connector_, members);
  }
  bool checkpoint_due() const override {
    if (!checkpoints_enabled_) return false;
    // The document the checkpoint itself hands over does not count: only full ones staged before.
    return staged_since_commit_ > 0 || std::chrono::steady_clock::now() - last_commit_ >= kCheckpointInterval;
  }
  void checkpoint(const state::Cursor& cursor) override {
    state_.checkpoint_run(run_, connector_, cursor, mentioned_at_);
    ++checkpoints_;
    staged_since_commit_ = 0;
    last_commit_ = std::chrono::steady_clock::now();
    spdlog::debug("connector {}: checkpoint {} committed", connector_, checkpoints_);
    crash_point("after_checkpoint");
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
  bool checkpoints_enabled_ = false;
  std::optional<std::int64_t> mentioned_at_;
  std::size_t staged_since_commit_ = 0;
  std::size_t checkpoints_ = 0;
  std::chrono::steady_clock::time_point last_commit_{};
};

}  // namespace tcfeed::pipeline
