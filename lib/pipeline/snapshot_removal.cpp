#include "lib/pipeline/snapshot_removal.hpp"

#include <vector>

#include <spdlog/spdlog.h>

#include "lib/pipeline/batch_assembler.hpp"
#include "lib/pipeline/job_settings.hpp"
#include "lib/threatconnect/indicator_json.hpp"

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
    spdlog::warn("connector {}: {} of the {} entries of the previous list are gone, more than removed_guard ({}%): "
                 "nothing is removed, and the previous list stays the reference (a truncated download must never "
                 "wipe an owner)", connector.name, report.removed, report.previous,
                 static_cast<int>(connector.removed_guard * 100));
    return report;
  }

  const std::string settings =
      job_settings(connector, connector.removed == config::RemovedAction::Delete ? "Delete" : "Create");
  BatchAssembler assembler(static_cast<std::size_t>(global.batch.max_indicators),
                           static_cast<std::size_t>(global.batch.max_bytes));
  std::vector<state::SeenEntry> forgotten;
  const auto flush = [&] {
    if (assembler.empty()) return;
    state.stage_batch(run, connector.name, connector.owner, settings, assembler.finish(),
                      static_cast<std::int64_t>(assembler.count()), now_unix);
    state.stage_seen(run, connector.name, forgotten);
    assembler.reset();
    forgotten.clear();
  };
  std::string item;
  for (const auto& member : removed) {
    const auto type = indicators::parse_indicator_type(member.type);
    if (!type) continue;  // written by this tcfeed: cannot happen short of a damaged file
    threatconnect::IndicatorItem removal;
    removal.type = *type;
    removal.summary = member.value;
    removal.active = connector.removed != config::RemovedAction::Deactivate;
    item.clear();
    threatconnect::append_indicator_json(item, removal);
    if (!assembler.fits(item)) flush();
    assembler.add(item);
    // Forgotten, so an entry that returns to the list is sent again at once.
    forgotten.push_back({member.key, 0, 0});
    seen.put(member.key, 0, 0);
  }
  flush();
  spdlog::info("connector {}: {} entries left the list; {} them", connector.name, report.removed,
               connector.removed == config::RemovedAction::Delete ? "deleting" : "deactivating");
  return report;
}

}  // namespace tcfeed::pipeline
