#include "lib/exports/export_runner.hpp"

#include <malloc.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "lib/core/fingerprint.hpp"
#include "lib/core/gzip.hpp"
#include "lib/core/log_escape.hpp"
#include "lib/exports/export_codec.hpp"
#include "lib/exports/export_merge.hpp"
#include "lib/exports/export_render.hpp"
#include "lib/exports/export_tql.hpp"
#include "lib/threatconnect/indicator_reads.hpp"

namespace tcfeed::exports {
namespace {

// Records per page. The platform allows 10,000, but a page is parsed whole, and the parse of a
// 10,000-record page (about 8 MB of JSON) takes some 50 MB: more than the list itself. At 2,500
// the parse stays near 12 MB for four times the requests (docs/exports.md, Performance).
constexpr std::size_t kPageSize = 2'500;

std::optional<ExportEntry> entry_of(const threatconnect::IndicatorRecord& record) {
  const auto type = indicators::parse_indicator_type(record.type);
  if (!type || record.id == 0 || record.summary.empty()) return std::nullopt;
  ExportEntry entry;
  entry.id = record.id;
  entry.type = *type;
  entry.value = record.summary;
  entry.owner = record.owner;
  entry.rating = record.rating;
  entry.confidence = record.confidence;
  entry.threat_assess_rating = record.threat_assess_rating;
  entry.threat_assess_confidence = record.threat_assess_confidence;
  entry.threat_assess_score = record.threat_assess_score;
  entry.last_modified = record.last_modified;
  entry.tags = record.tags;
  return entry;
}

// A read's pages and their parses, and a render's scratch, are freed in the middle of the heap,
// where the allocator keeps them for reuse; handing them back keeps the process at its list's size
// between refreshes (docs/exports.md, Performance).
void release_freed_memory() { malloc_trim(0); }

std::string hex64(std::uint64_t value) {
  char buffer[20];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
  return buffer;
}

}  // namespace

std::string_view outcome_code(RefreshOutcome outcome) {
  switch (outcome) {
    case RefreshOutcome::kChanged: return "changed";
    case RefreshOutcome::kUnchanged: return "unchanged";
    case RefreshOutcome::kHeldShrink: return "held_shrink";
    case RefreshOutcome::kRefusedEmpty: return "refused_empty";
    case RefreshOutcome::kFailed: return "failed";
  }
  return "failed";
}

ExportRunner::ExportRunner(config::ExportConfig config, std::shared_ptr<const pipeline::Allowlist> never)
    : config_(std::move(config)), never_(std::move(never)) {
  publish(0);
  snapshot();
}

void ExportRunner::restore(const state::ExportListRow& row, std::int64_t now) {
  list_ = decode_entries(row.entries);
  release_freed_memory();
  since_ = row.since;
  refreshed_at_ = row.refreshed_at;
  full_at_ = row.full_at;
  ok_at_ = row.refreshed_at;
  if (row.held_shrink) held_hash_ = static_cast<std::uint64_t>(*row.held_shrink);
  read_once_ = true;
  publish(row.refreshed_at > 0 ? row.refreshed_at : now);
  snapshot();
}

RefreshReport ExportRunner::refresh(threatconnect::ApiClient& api, bool full, std::int64_t now) {
  RefreshReport report;
  report.full = full || !read_once_;
  // Pages are applied to the list as they come; nothing changes it before the verdict.
  StreamedMerge merge(list_, report.full);
  std::string high = since_;
  const auto keep = [&](const threatconnect::IndicatorRecord& record) {
    ++report.read;
    if (record.last_modified > high) high = record.last_modified;
    if (auto entry = entry_of(record)) merge.read(*entry);
  };
  try {
    if (report.full) {
      threatconnect::read_indicators_tql(api, matching_tql(config_), kPageSize, keep);
    } else {
      const auto mark = parse_iso_time(since_);
      const std::string from = format_iso_time(mark ? *mark - kOverlapSeconds : 0);
      std::size_t changed = 0;
      threatconnect::read_indicators_tql(api, changed_since_tql(config_, from), kPageSize,
                                         [&](const threatconnect::IndicatorRecord& record) {
                                           ++report.read;
                                           ++changed;
                                           if (record.last_modified > high) high = record.last_modified;
                                           merge.changed(record.id);
                                         });
      if (changed > 0) threatconnect::read_indicators_tql(api, matching_since_tql(config_, from), kPageSize, keep);
    }
  } catch (const std::exception& error) {
    report.outcome = RefreshOutcome::kFailed;
    report.error = error.what();
    refreshed_at_ = now;
    spdlog::warn("export {}: {} read failed, serving the last list ({} entries): {}", config_.name,
                 report.full ? "full" : "incremental", list_.size(), log_escaped(report.error));
    snapshot(&report);
    return report;
  }

  release_freed_memory();
  const Proposal proposal = merge.propose();
  report.added = proposal.added;
  report.updated = proposal.updated;
  report.removed = proposal.removed;
  const std::size_t before = list_.size();
  const Verdict verdict = judge(before, proposal, config_.shrink_guard, report.full, held_hash_);
  refreshed_at_ = now;
  ok_at_ = now;
  if (verdict == Verdict::kHoldShrink) {
    held_hash_ = proposal.id_hash;
    report.outcome = RefreshOutcome::kHeldShrink;
    spdlog::warn(
        "export {}: {} read would remove {} of {} entries (more than shrink_guard {:.0f}%): kept the last list; "
        "a full read must confirm it",
        config_.name, report.full ? "a full" : "an incremental", proposal.removed, before, config_.shrink_guard * 100);
  } else if (verdict == Verdict::kRefuseEmpty) {
    report.outcome = RefreshOutcome::kRefusedEmpty;
    spdlog::error("export {}: ThreatConnect answered no matching indicators where the list has {}: kept the last list",
                  config_.name, before);
  } else {
    held_hash_.reset();
    const bool changed_list = proposal.added + proposal.updated + proposal.removed > 0 || !read_once_;
    merge.commit();
    if (high > since_) since_ = high;
    if (report.full) {
      full_at_ = now;
      read_once_ = true;
    }
    report.outcome = changed_list ? RefreshOutcome::kChanged : RefreshOutcome::kUnchanged;
    if (changed_list) publish(now);
    spdlog::info("export {}: {} read: {} read, {} added, {} updated, {} removed; {} entries", config_.name,
                 report.full ? "full" : "incremental", report.read, report.added, report.updated, report.removed,
                 list_.size());
  }
  snapshot(&report);
  return report;
}

void ExportRunner::render_pending() {
  if (!unrendered_) return;
  const std::int64_t modified = *unrendered_;
  unrendered_.reset();
  defer_rendering_ = false;
  publish(modified);
  snapshot();
}

void ExportRunner::publish(std::int64_t now) {
  if (defer_rendering_) {
    unrendered_ = now;
    return;
  }
  Rendered rendered = render(config_, list_, *never_);
  release_freed_memory();
  auto list = std::make_shared<PublishedList>();
  list->etag = "\"" + hex64(fingerprint64(rendered.body, 0x7463666565647831ULL)) + "\"";
  const auto previous = published();
  // Unchanged bytes keep their validators: a consumer's conditional request still gets a 304.
  if (previous && previous->etag == list->etag && previous->body == rendered.body) {
    list->modified_at = previous->modified_at;
  } else {
    list->modified_at = now;
  }
  list->last_modified = format_http_date(list->modified_at);
  list->content_type = std::string(content_type(config_.format));
  list->entries = rendered.entries;
  list->cut = rendered.cut;
  list->never_blocked = rendered.never_blocked;
  list->ready = read_once_;
  list->body = std::move(rendered.body);
  list->gzipped = gzip(list->body);
  if (rendered.cut > 0) {
    spdlog::warn("export {}: max_entries {} cut {} entries (the lowest ThreatAssess scores)", config_.name,
                 config_.max_entries.value_or(0), rendered.cut);
  }
  if (!config_.file.empty() && now > 0 && (!previous || previous->etag != list->etag)) write_file(*list);
  std::lock_guard lock(mutex_);
  published_ = std::move(list);
}

void ExportRunner::write_file(const PublishedList& list) const {
  // Written beside the target and renamed over it: a consumer reading the file never sees half a list.
  const std::string temporary = config_.file + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(list.body.data(), static_cast<std::streamsize>(list.body.size()));
    out.flush();
    if (!out) {
      spdlog::error("export {}: cannot write {}", config_.name, temporary);
      return;
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, config_.file, error);
  if (error)
    spdlog::error("export {}: cannot rename {} to {}: {}", config_.name, temporary, config_.file, error.message());
}

state::ExportListRow ExportRunner::row(bool with_entries) const {
  state::ExportListRow row;
  row.name = config_.name;
  if (with_entries) row.entries = encode_entries(list_);
  row.entry_count = static_cast<std::int64_t>(list_.size());
  row.since = since_;
  row.refreshed_at = refreshed_at_;
  row.full_at = full_at_;
  if (held_hash_) row.held_shrink = static_cast<std::int64_t>(*held_hash_);
  return row;
}

std::shared_ptr<const PublishedList> ExportRunner::published() const {
  std::lock_guard lock(mutex_);
  return published_;
}

void ExportRunner::snapshot(const RefreshReport* report) {
  std::lock_guard lock(mutex_);
  if (report != nullptr) status_.last = *report;
  status_.name = config_.name;
  status_.format = std::string(config::format_name(config_.format));
  status_.stored = list_.size();
  status_.refreshed_at = refreshed_at_;
  status_.full_at = full_at_;
  status_.ok_at = ok_at_;
  status_.full_due = held_hash_.has_value();
  if (published_) {
    status_.served = published_->entries;
    status_.cut = published_->cut;
    status_.never_blocked = published_->never_blocked;
    status_.modified_at = published_->modified_at;
  }
}

ExportStatus ExportRunner::status() const {
  std::lock_guard lock(mutex_);
  return status_;
}

bool ExportRunner::full_due(std::int64_t now) const {
  const auto full_every = std::chrono::duration_cast<std::chrono::seconds>(config_.full_every).count();
  return !read_once_ || held_hash_.has_value() || now >= full_at_ + full_every;
}

std::int64_t ExportRunner::next_due(std::int64_t now) const {
  if (!read_once_ && refreshed_at_ == 0) return now;
  const auto every = std::chrono::duration_cast<std::chrono::seconds>(config_.every).count();
  const auto full_every = std::chrono::duration_cast<std::chrono::seconds>(config_.full_every).count();
  // A held shrink is confirmed (or not) at the next refresh, a full one; a failure waits `every`.
  return std::min(refreshed_at_ + every, full_at_ + full_every);
}

}  // namespace tcfeed::exports
