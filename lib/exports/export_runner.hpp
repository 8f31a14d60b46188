#pragma once
// One export's list through its refreshes (docs/exports.md): restored from the state file, read
// from ThreatConnect (full or incremental), judged by the safety rules, rendered once, saved, and
// published for the HTTP thread. A refresh that fails or is refused leaves the served list as it
// was.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "lib/config/export_config.hpp"
#include "lib/exports/export_list.hpp"
#include "lib/exports/published_list.hpp"
#include "lib/pipeline/stream/allowlist.hpp"
#include "lib/state/export_list_row.hpp"
#include "lib/threatconnect/api_client.hpp"

namespace tcfeed::exports {

// How a refresh ended; the code is the metric label.
enum class RefreshOutcome { kChanged, kUnchanged, kHeldShrink, kRefusedEmpty, kFailed };
std::string_view outcome_code(RefreshOutcome outcome);  // changed | unchanged | held_shrink | refused_empty | failed
inline constexpr RefreshOutcome kAllOutcomes[] = {RefreshOutcome::kChanged, RefreshOutcome::kUnchanged,
                                                  RefreshOutcome::kHeldShrink, RefreshOutcome::kRefusedEmpty,
                                                  RefreshOutcome::kFailed};

struct RefreshReport {
  RefreshOutcome outcome = RefreshOutcome::kUnchanged;
  bool full = false;
  std::size_t read = 0;  // records the platform answered
  std::size_t added = 0, updated = 0, removed = 0;
  std::string error;  // kFailed: why (a platform message; never a secret)
};

// For the status page and the metrics.
struct ExportStatus {
  std::string name;
  std::string format;
  std::size_t stored = 0;  // entries kept (before never-block and max_entries)
  std::size_t served = 0;  // entries in the body
  std::size_t cut = 0;
  std::size_t never_blocked = 0;
  std::int64_t refreshed_at = 0;  // last refresh attempt
  std::int64_t full_at = 0;       // last full read that was applied or unchanged
  std::int64_t ok_at = 0;         // last refresh that read the platform (whatever the verdict)
  std::int64_t modified_at = 0;   // the body's Last-Modified
  std::optional<RefreshReport> last;
  bool full_due = false;  // a held shrink waits for a confirming full read
};

class ExportRunner {
 public:
  ExportRunner(config::ExportConfig config, std::shared_ptr<const pipeline::Allowlist> never);

  const config::ExportConfig& config() const { return config_; }

  // The list the state file kept; served at once. Throws std::runtime_error when it is damaged.
  void restore(const state::ExportListRow& row, std::int64_t now);

  // For `tcfeed export`, which serves nothing meanwhile: restore() and refresh() leave the body to
  // render_pending(), called once after the list is saved, so the body, the restored list's body
  // and the saved blob are never held at once (docs/exports.md, Performance).
  void defer_rendering() { defer_rendering_ = true; }
  void render_pending();

  // One refresh: a full read when `full`, else what changed since the last mark (less
  // kOverlapSeconds). Never throws for a platform failure (kFailed, list kept).
  RefreshReport refresh(threatconnect::ApiClient& api, bool full, std::int64_t now);

  // What the state file keeps; call after a refresh that changed the list. `with_entries` false:
  // the marks only (save_export_marks), without encoding the entries.
  state::ExportListRow row(bool with_entries = true) const;

  // Thread-safe: the list the HTTP thread serves (never null after construction).
  std::shared_ptr<const PublishedList> published() const;
  ExportStatus status() const;

  // When the next refresh is due, and whether it is a full read.
  bool full_due(std::int64_t now) const;
  std::int64_t next_due(std::int64_t now) const;

  // Incremental reads start this long before the last mark: an indicator written just before
  // the previous read, but committed after it, is not missed.
  static constexpr std::int64_t kOverlapSeconds = 300;

 private:
  void publish(std::int64_t now);
  // Copies what status() reports, for the HTTP thread; called at the end of each change.
  void snapshot(const RefreshReport* report = nullptr);
  void write_file(const PublishedList& list) const;

  config::ExportConfig config_;
  std::shared_ptr<const pipeline::Allowlist> never_;
  ExportList list_;
  bool defer_rendering_ = false;
  std::optional<std::int64_t> unrendered_;  // changed but not yet rendered: its Last-Modified
  std::string since_;                       // the highest lastModified read so far
  std::int64_t refreshed_at_ = 0;
  std::int64_t full_at_ = 0;
  std::int64_t ok_at_ = 0;
  bool read_once_ = false;                  // a full read has been applied (or restored)
  std::optional<std::uint64_t> held_hash_;  // the ids of the shrink held back
  mutable std::mutex mutex_;                // published_ and status_ fields the HTTP thread reads
  std::shared_ptr<const PublishedList> published_;
  ExportStatus status_;
};

}  // namespace tcfeed::exports
