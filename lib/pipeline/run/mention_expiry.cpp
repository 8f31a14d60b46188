#include "lib/pipeline/run/mention_expiry.hpp"

#include <chrono>

#include <spdlog/spdlog.h>

#include "lib/core/counted.hpp"
#include "lib/pipeline/run/removal_batches.hpp"

namespace tcfeed::pipeline {

ExpiryReport stage_expiry(state::StateStore& state, state::RunId run, const config::ConnectorConfig& connector,
                          const config::Config& global, SeenSet& seen, std::int64_t now_unix) {
  const auto expire_after = std::chrono::duration_cast<std::chrono::seconds>(*connector.expire_after).count();
  ExpiryReport report;
  report.commit = {now_unix, now_unix - expire_after};
  RemovalBatches batches(state, run, connector, global, seen, RemovalBatches::Action::Deactivate, now_unix);
  state.expired_mentions(run, connector.name, report.commit.expire_before,
                         [&](const state::SnapshotMember& member) { batches.add(member); });
  batches.finish();
  report.expired = batches.count();
  if (report.expired > 0) {
    spdlog::info("connector {}: {} not mentioned by the source for expire_after ({} s); deactivating them",
                 connector.name, counted(report.expired, "entry", "entries"), expire_after);
  }
  return report;
}

}  // namespace tcfeed::pipeline
