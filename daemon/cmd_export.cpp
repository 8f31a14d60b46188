// tcfeed export NAME: one refresh of one export, and its list written out (docs/exports.md,
// Command line) — for cron, scripts and a first look. Without a daemon the refresh is saved to the
// state file like the daemon's; with one running (it holds the state lock) the state file is only
// read, so the daemon's list and marks stay its own.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

#include "connectors/builtin_connectors.hpp"
#include "daemon/commands.hpp"
#include "lib/core/log_escape.hpp"
#include "lib/core/unix_time.hpp"
#include "lib/exports/export_runner.hpp"
#include "lib/exports/export_service.hpp"
#include "lib/pipeline/delivery/platform.hpp"
#include "lib/pipeline/engine/validated_config.hpp"
#include "lib/state/state_lock.hpp"
#include "lib/state/state_store.hpp"

namespace tcfeed::cli {
namespace {

bool write_atomically(const std::string& path, const std::string& body) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(body.data(), static_cast<std::streamsize>(body.size()));
    out.flush();
    if (!out) return false;
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  return !error;
}

}  // namespace

int export_list(const ExportArgs& args) {
  const config::Config config =
      pipeline::load_validated_config(args.config, pipeline::builtin_connectors(), kThreatConnectOnly);
  const config::ExportConfig* chosen = nullptr;
  std::string known;
  for (const auto& entry : config.exports) {
    if (entry.name == args.name) chosen = &entry;
    known += (known.empty() ? "" : ", ") + entry.name;
  }
  if (chosen == nullptr) {
    std::fprintf(stderr, "tcfeed export: no export named '%s' in %s; configured: %s\n", log_escaped(args.name).c_str(),
                 args.config.c_str(), known.empty() ? "none" : known.c_str());
    return kExitUsage;
  }
  exports::ExportRunner runner(*chosen, exports::never_block_list(config, *chosen));
  runner.defer_rendering();  // rendered once, after the save

  std::unique_ptr<state::StateLock> lock;
  try {
    lock = std::make_unique<state::StateLock>(config.state_path);
  } catch (const state::StateLockedError& error) {
    std::fprintf(stderr, "tcfeed export: the daemon holds the state file (%s): its list is read, not changed\n",
                 error.what());
  }
  const bool exists = std::filesystem::exists(config.state_path);
  std::unique_ptr<state::StateStore> store;
  if (lock || exists) {
    store = std::make_unique<state::StateStore>(
        config.state_path, lock ? state::StateStore::Mode::ReadWrite : state::StateStore::Mode::ReadOnly);
  }
  const std::int64_t now = now_unix();
  if (store) {
    if (auto row = store->export_list(chosen->name)) runner.restore(*row, now);
  }

  auto api = pipeline::connect_platform(config);
  const auto report = runner.refresh(*api, args.full || runner.full_due(now), now);
  if (store && lock) {
    if (report.outcome == exports::RefreshOutcome::kChanged) {
      store->save_export_list(runner.row());
    } else if (report.outcome != exports::RefreshOutcome::kFailed) {
      store->save_export_marks(runner.row(false));
    }
  }
  runner.render_pending();
  const auto list = runner.published();
  std::fprintf(stderr, "tcfeed export %s: %s %s read: %zu read, %zu added, %zu updated, %zu removed; %zu served",
               chosen->name.c_str(), std::string(exports::outcome_code(report.outcome)).c_str(),
               report.full ? "full" : "incremental", report.read, report.added, report.updated, report.removed,
               list->entries);
  if (list->cut > 0) std::fprintf(stderr, ", %zu cut by max_entries", list->cut);
  if (list->never_blocked > 0) std::fprintf(stderr, ", %zu never blocked", list->never_blocked);
  std::fprintf(stderr, "\n");

  // A failed read with no list to fall back on writes nothing: an empty file would unblock everything.
  if (report.outcome == exports::RefreshOutcome::kFailed && runner.status().stored == 0) {
    std::fprintf(stderr, "tcfeed export: %s\n", log_escaped(report.error).c_str());
    return kExitFailure;
  }
  if (args.output) {
    if (!write_atomically(*args.output, list->body)) {
      std::fprintf(stderr, "tcfeed export: cannot write %s\n", args.output->c_str());
      return kExitFailure;
    }
  } else {
    std::fwrite(list->body.data(), 1, list->body.size(), stdout);
  }
  return report.outcome == exports::RefreshOutcome::kFailed ? kExitFailure : kExitOk;
}

}  // namespace tcfeed::cli
