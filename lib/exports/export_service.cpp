#include "lib/exports/export_service.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <limits>

#include "lib/core/unix_time.hpp"
#include "lib/pipeline/stream/policy.hpp"

namespace tcfeed::exports {
namespace {

// Thrown by the client's retry waits when the service stops, to end a read in flight.
struct Stopping : std::runtime_error {
  Stopping() : std::runtime_error("stopping") {}
};

}  // namespace

std::shared_ptr<const pipeline::Allowlist> never_block_list(const config::Config& config,
                                                            const config::ExportConfig& entry) {
  auto never = std::make_shared<pipeline::Allowlist>();
  pipeline::add_configured_allowlist(*never, config);
  // Reserved ranges always: a list that blocks loopback or the organisation's private ranges
  // would cut the firewall off its own network (docs/exports.md, Safety).
  never->add_builtin("reserved-ip-ranges");
  for (const auto& value : entry.never) {
    if (auto error = never->add(value.value)) {
      throw config::ConfigError(config.file + ":" + std::to_string(value.line) + ": exports." + entry.name +
                                ".never: " + *error);
    }
  }
  return never;
}

ExportService::ExportService(const config::Config& config, state::StateStore& state, ApiFactory api, Clock clock)
    : state_(state), api_factory_(std::move(api)), clock_(clock ? std::move(clock) : Clock(&now_unix)) {
  for (const auto& entry : config.exports) {
    auto runner = std::make_unique<ExportRunner>(entry, never_block_list(config, entry));
    if (auto row = state_.export_list(entry.name)) {
      try {
        runner->restore(*row, clock_());
        spdlog::info("export {}: serving the last list from the state file ({} entries)", entry.name, row->entry_count);
      } catch (const std::exception& error) {
        spdlog::error("export {}: {}; reading it again", entry.name, error.what());
        runner = std::make_unique<ExportRunner>(entry, never_block_list(config, entry));
      }
    }
    runners_.push_back(std::move(runner));
  }
}

ExportService::~ExportService() { stop(); }

void ExportService::start() {
  if (runners_.empty() || thread_.joinable()) return;
  thread_ = std::thread([this] { run(); });
}

void ExportService::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

const ExportRunner* ExportService::find(std::string_view name) const {
  for (const auto& runner : runners_) {
    if (runner->config().name == name) return runner.get();
  }
  return nullptr;
}

std::vector<ExportStatus> ExportService::statuses() const {
  std::vector<ExportStatus> out;
  for (const auto& runner : runners_) out.push_back(runner->status());
  return out;
}

void ExportService::run() {
  std::unique_ptr<threatconnect::ApiClient> api;
  while (true) {
    std::int64_t next = std::numeric_limits<std::int64_t>::max();
    for (auto& runner : runners_) {
      {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
      }
      const std::int64_t now = clock_();
      if (runner->next_due(now) > now) {
        next = std::min(next, runner->next_due(now));
        continue;
      }
      try {
        if (!api) {
          api = api_factory_();
          api->set_sleep([this](std::chrono::milliseconds wait) {
            std::unique_lock lock(mutex_);
            if (wake_.wait_for(lock, wait, [this] { return stopping_; })) throw Stopping();
          });
        }
        const auto report = runner->refresh(*api, runner->full_due(now), now);
        // The entries are written when they changed; otherwise only the marks (a million-entry
        // list is not rewritten every `every` for a refresh that changed nothing).
        if (report.outcome == RefreshOutcome::kChanged) {
          state_.save_export_list(runner->row());
        } else if (report.outcome != RefreshOutcome::kFailed) {
          state_.save_export_marks(runner->row(false));
        }
        if (on_refresh_) on_refresh_(*runner, report);
      } catch (const std::exception& error) {
        spdlog::error("export {}: refresh failed: {}", runner->config().name, error.what());
      }
      next = std::min(next, runner->next_due(clock_()));
    }
    std::unique_lock lock(mutex_);
    const auto wait = std::chrono::seconds(std::clamp<std::int64_t>(next - clock_(), 1, 3600));
    if (wake_.wait_for(lock, wait, [this] { return stopping_; })) return;
  }
}

}  // namespace tcfeed::exports
