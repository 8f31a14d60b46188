#include "lib/pipeline/run/connector_run.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <optional>
#include <thread>

#include <spdlog/spdlog.h>

#include "lib/core/counted.hpp"
#include "lib/core/crash_point.hpp"
#include "lib/pipeline/run/dry_run_sink.hpp"
#include "lib/pipeline/run/job_settings.hpp"
#include "lib/pipeline/run/mention_expiry.hpp"
#include "lib/pipeline/run/outbox_sink.hpp"
#include "lib/pipeline/run/snapshot_removal.hpp"
#include "lib/pipeline/stream/indicator_stream.hpp"
#include "lib/pipeline/stream/stream_thread.hpp"

namespace tcfeed::pipeline {
namespace {

StreamSettings stream_settings(const PollContext& context, std::uint32_t stamp) {
  const auto& global = context.global;
  StreamSettings settings;
  // Full lists keep their members to tell what left; incremental feeds with expire_after record
  // what they mentioned.
  settings.collect_members =
      context.connector.removed != config::RemovedAction::Ignore || context.connector.expire_after.has_value();
  settings.run_stamp = stamp;
  settings.refresh_seconds =
      static_cast<std::uint32_t>(std::chrono::duration_cast<std::chrono::seconds>(global.refresh).count());
  return settings;
}

int ingest_threads(const config::Config& global) {
  if (global.ingest_threads) return *global.ingest_threads;
  return std::thread::hardware_concurrency() >= 2 ? 2 : 1;
}
// How long, and how many, source ids a connector's later polls can still associate
// (docs/architecture.md, Groups): a relationship published more than this long after its
// indicator is counted association_unresolved.
constexpr std::int64_t kSourceRefsKeepSeconds = 90 * 24 * 3600;
constexpr std::int64_t kSourceRefsMaxRows = 1000000;

PollReport stream_poll(Connector& connector, const PollContext& context, const state::Cursor& previous, SeenSet& seen,
                       std::uint32_t stamp, BatchSink& sink, AuditLog* audit = nullptr,
                       SourceRefMemory::Lookup earlier_refs = {}) {
  PollReport report;
  StreamSettings settings = stream_settings(context, stamp);
  settings.audit = audit;
  SourceRefMemory refs(std::move(earlier_refs), stamp);
  settings.refs = &refs;
  IndicatorStream stream(context.connector, context.global, context.policy, context.stripped_tags, seen, settings, sink,
                         report.counters);
  PollResult polled;
  if (ingest_threads(context.global) == 2) {
    StreamThread second(stream, context.policy);
    polled = connector.poll(previous, second);
    second.finish();
  } else {
    polled = connector.poll(previous, stream);
  }
  stream.finish();
  report.counters.records = polled.records;
  report.not_modified = polled.not_modified;
  report.next = polled.next;
  report.full_list = polled.full_list;
  report.expires_unix = polled.expires_unix;
  for (const auto& [reason, count] : report.counters.unmapped) {
    if (unmapped_unread(reason)) report.unread += count;
  }
  return report;
}

}  // namespace

void ConnectorMemory::load(const state::StateStore& state, const std::string& connector) {
  seen.clear();
  last_stamp = 0;
  state.load_seen(connector, [this](const state::SeenEntry& entry) {
    seen.put(entry.key, entry.content, entry.sent_at);
    last_stamp = std::max(last_stamp, entry.sent_at);
  });
  loaded = true;
}

std::uint32_t ConnectorMemory::next_stamp(std::int64_t now_unix) {
  last_stamp = std::max(static_cast<std::uint32_t>(now_unix), last_stamp + 1);
  return last_stamp;
}

PollReport poll_into_outbox(Connector& connector, const PollContext& context, state::StateStore& state,
                            ConnectorMemory& memory, std::int64_t now_unix) {
  const std::string& name = context.connector.name;
  if (!memory.loaded) memory.load(state, name);
  const state::Cursor previous = state.cursor(name).value_or(state::Cursor{});
  spdlog::debug("connector {}: polling from position '{}'", name, previous.position);
  const state::RunId run = state.begin_run(name);
  try {
    OutboxSink sink(state, run, name, context.connector.owner, job_settings(context.connector), now_unix);
    // A full list is one snapshot: committed halfway, its removals would be judged on part of it.
    if (!connector.full_list() && context.connector.removed == config::RemovedAction::Ignore) {
      sink.enable_checkpoints(context.connector.expire_after ? std::optional<std::int64_t>(now_unix) : std::nullopt);
    }
    const auto earlier_refs = [&state, &name](std::string_view ref) { return state.source_refs(name, ref); };
    PollReport report = stream_poll(connector, context, previous, memory.seen, memory.next_stamp(now_unix), sink,
                                    nullptr, earlier_refs);
    crash_point("after_fetch");
    std::optional<state::MentionUpdate> mentions;
    if (context.connector.expire_after) {
      const ExpiryReport expiry = stage_expiry(state, run, context.connector, context.global, memory.seen, now_unix);
      report.counters.expired = static_cast<std::size_t>(expiry.expired);
      mentions = expiry.commit;
    }
    // A not-modified poll has nothing to commit — unless time alone expired something, or a
    // checkpoint already moved the cursor (the poll's own cursor then replaces it).
    if (report.not_modified && report.counters.expired == 0 && sink.checkpoints() == 0) {
      state.abandon_run(run);
    } else {
      bool replace_snapshot = false;
      if (!report.not_modified && context.connector.removed != config::RemovedAction::Ignore) {
        if (report.full_list && report.unread > 0) {
          // What an unreadable record listed is unknown: it must not count as having left. Like a
          // guarded shrink, nothing is removed and the previous list stays the reference.
          spdlog::warn(
              "connector {}: {} of the list could not be read (see the unmapped counts): the list is "
              "incomplete, so nothing is removed this poll and the previous list stays the reference",
              name, counted(report.unread, "record", "records"));
          report.removals_withheld = counted(report.unread, "record", "records") + " of the list could not be read";
        } else if (report.full_list) {
          const RemovalReport removals =
              stage_removals(state, run, context.connector, context.global, memory.seen, now_unix);
          replace_snapshot = !removals.guarded;
          if (removals.guarded) {
            report.removals_withheld = std::to_string(removals.removed) + " of the " +
                                       std::to_string(removals.previous) +
                                       " entries of the previous list are gone, more than removed_guard";
          }
        } else {
          spdlog::warn("connector {}: `removed` applies to full-list feeds only; this poll was incremental", name);
        }
      }
      // Everything of the run is staged — batches, removals, expirations — and none of it visible.
      crash_point("before_run_commit");
      state.commit_run(run, name, report.next, replace_snapshot, mentions);
      state.prune_source_refs(name, now_unix - kSourceRefsKeepSeconds, kSourceRefsMaxRows);
    }
    crash_point("after_outbox_commit");
    return report;
  } catch (...) {
    // Nothing of this run reached the outbox: forget what it marked as sent, too.
    try {
      state.abandon_run(run);
      memory.load(state, name);
    } catch (...) {
      memory.loaded = false;
    }
    throw;
  }
}

std::string audit_path(const std::string& dir, const std::string& connector) {
  return (std::filesystem::path(dir) / (connector + "-audit.jsonl")).string();
}

PollReport poll_into_directory(Connector& connector, const PollContext& context, const state::StateStore* state,
                               const std::string& dir, std::int64_t now_unix, const DryRunOptions& options) {
  ConnectorMemory memory;
  state::Cursor previous;
  if (state != nullptr && !options.from_scratch) {
    memory.load(*state, context.connector.name);
    previous = state->cursor(context.connector.name).value_or(state::Cursor{});
  }
  DryRunSink sink(dir, context.connector.name);
  std::optional<AuditLog> audit;
  if (options.audit) audit.emplace(audit_path(dir, context.connector.name), context.connector.name);
  SourceRefMemory::Lookup earlier_refs;
  if (state != nullptr && !options.from_scratch) {
    earlier_refs = [state, &context](std::string_view ref) { return state->source_refs(context.connector.name, ref); };
  }
  PollReport report = stream_poll(connector, context, previous, memory.seen, memory.next_stamp(now_unix), sink,
                                  audit ? &*audit : nullptr, std::move(earlier_refs));
  if (audit) audit->close();
  return report;
}

}  // namespace tcfeed::pipeline
