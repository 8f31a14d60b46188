#include "lib/pipeline/run/snapshot_removal.hpp"

#include <vector>

#include <spdlog/spdlog.h>

#include "lib/core/counted.hpp"
#include "lib/pipeline/run/removal_batches.hpp"

namespace tcfeed::pipeline {
RemovalReport stage_removals(state::StateStore& state, state::RunId run, const config::ConnectorConfig& connector,
                             const config::Config& global, SeenSet& seen, std::int64_t now_unix) {
  RemovalReport report;
  report.previous = state.snapshot_size(connector.name);
  std::vector<state::SnapshotMember> removed;
  state.removed_members(run, connector.name, [&](const state::SnapshotMember& member) {
    ++report.removed;
    // Bounded: once past the guard nothing will be removed, so nothing more is kept.
    if (static_cast<double>(report.removed) <= connector.removed_guard * static_cast<double>(report.previous)) {
      removed.push_back(member);
    }
  });
  if (report.removed == 0) return report;
  if (static_cast<double>(report.removed) > connector.removed_guard * static_cast<double>(report.previous)) {
    report.guarded = true;
    spdlog::warn(
        "connector {}: {} of the {} entries of the previous list are gone, more than removed_guard ({}%): "
        "nothing is removed, and the previous list stays the reference (a truncated download must never "
        "wipe an owner)",
        connector.name, report.removed, report.previous, static_cast<int>(connector.removed_guard * 100));
    return report;
  }

  RemovalBatches batches(state, run, connector, global, seen,
                         connector.removed == config::RemovedAction::Delete ? RemovalBatches::Action::Delete
                                                                            : RemovalBatches::Action::Deactivate,
                         now_unix);
  for (const auto& member : removed) batches.add(member);
  batches.finish();
  spdlog::info("connector {}: {} left the list; {} them", connector.name, counted(report.removed, "entry", "entries"),
               connector.removed == config::RemovedAction::Delete ? "deleting" : "deactivating");
  return report;
}

}  // namespace tcfeed::pipeline
