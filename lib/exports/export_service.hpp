#pragma once
// The daemon's exports (docs/exports.md): one runner per configured export, restored from the
// state file at start, refreshed on their schedules by one thread of their own (so a slow read
// never delays the feeds, and the feeds never delay a list), each changed list saved.
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

#include "lib/config/config.hpp"
#include "lib/exports/export_runner.hpp"
#include "lib/state/state_store.hpp"
#include "lib/threatconnect/api_client.hpp"

namespace tcfeed::exports {

// The never-block list every export applies: the `allowlist:` section (with the built-in reserved
// ranges) and the export's own `never` entries. Throws ConfigError at a bad entry's line.
std::shared_ptr<const pipeline::Allowlist> never_block_list(const config::Config& config,
                                                            const config::ExportConfig& entry);

class ExportService {
 public:
  using ApiFactory = std::function<std::unique_ptr<threatconnect::ApiClient>()>;
  using Clock = std::function<std::int64_t()>;
  // Called after each refresh (metrics); on the service's thread.
  using OnRefresh = std::function<void(const ExportRunner&, const RefreshReport&)>;

  // Builds every export and restores its list from `state` (damaged lists are logged and start
  // empty). Throws ConfigError for a bad `never` entry.
  ExportService(const config::Config& config, state::StateStore& state, ApiFactory api, Clock clock = {});
  ~ExportService();  // stop()
  ExportService(const ExportService&) = delete;
  ExportService& operator=(const ExportService&) = delete;

  void set_on_refresh(OnRefresh on_refresh) { on_refresh_ = std::move(on_refresh); }
  void start();
  void stop();  // ends a wait at once; a read in flight ends at its next retry wait

  // Thread-safe: the runner serving NAME, or nullptr.
  const ExportRunner* find(std::string_view name) const;
  std::vector<ExportStatus> statuses() const;
  bool empty() const { return runners_.empty(); }

 private:
  void run();

  state::StateStore& state_;
  ApiFactory api_factory_;
  Clock clock_;
  OnRefresh on_refresh_;
  std::vector<std::unique_ptr<ExportRunner>> runners_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace tcfeed::exports
