#include "daemon/export_set.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

#include "daemon/exports_endpoint.hpp"
#include "lib/core/counted.hpp"
#include "lib/pipeline/delivery/platform.hpp"

namespace tcfeed::daemon {
namespace {

std::string text_of(const YAML::Node& node) { return node.IsDefined() ? YAML::Dump(node) : std::string(); }

// The export's mapping as written (read_exports keeps the file's order).
YAML::Node node_of(const config::Config& config, const config::ExportConfig& entry) {
  const auto index = static_cast<std::size_t>(&entry - config.exports.data());
  const YAML::Node list = config.node["exports"];
  return list.IsSequence() && index < list.size() ? list[index] : YAML::Node(YAML::NodeType::Undefined);
}

// What a running export no longer agrees with, for the log line: its own keys, then the sections
// every export reads (the never-block list, the client). Empty: unchanged.
std::vector<std::string> changes(const config::Config& running, const config::ExportConfig& was,
                                 const config::Config& next, const config::ExportConfig& now) {
  std::vector<std::string> keys;
  const YAML::Node before = node_of(running, was);
  const YAML::Node after = node_of(next, now);
  std::set<std::string> names;
  for (const YAML::Node& side : {before, after}) {
    if (!side.IsMap()) continue;
    for (const auto& item : side) names.insert(item.first.Scalar());
  }
  for (const auto& name : names) {
    if (text_of(before[name]) != text_of(after[name])) keys.push_back(name);
  }
  // A secret's content can change under the same reference (a rotated token file).
  if (was.auth.secret.reveal() != now.auth.secret.reveal() && keys.empty())
    keys.push_back("auth (its secret's content)");
  for (const char* section : {"allowlist", "threatconnect"}) {
    if (text_of(running.node[section]) != text_of(next.node[section])) keys.push_back(section);
  }
  const auto& a = running.threatconnect;
  const auto& b = next.threatconnect;
  if (a.secret_key.reveal() != b.secret_key.reveal() || a.api_token.reveal() != b.api_token.reveal() ||
      a.proxy_password.reveal() != b.proxy_password.reveal()) {
    keys.push_back("threatconnect (a secret's content)");
  }
  return keys;
}

// The keys that decide which indicators are listed: a list kept under other filters is read again
// in full, since an incremental read only revisits what changed on the platform.
bool filters_changed(const config::ExportConfig& a, const config::ExportConfig& b) {
  return a.owners != b.owners || a.types != b.types || a.min_rating != b.min_rating ||
         a.min_confidence != b.min_confidence || a.min_threat_assess_score != b.min_threat_assess_score ||
         a.tags_any != b.tags_any || a.where != b.where;
}

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

}  // namespace

ExportSet::ExportSet(state::StateStore& state, telemetry::Metrics& metrics) : state_(state), metrics_(metrics) {}

ExportSet::~ExportSet() { stop(); }

std::shared_ptr<exports::ExportService> ExportSet::build(const std::shared_ptr<const config::Config>& config,
                                                         const config::ExportConfig& entry) {
  // A service of one export: ExportService reads only `exports`, the allowlist and the file name.
  config::Config one = *config;
  one.exports = {entry};
  auto service =
      std::make_shared<exports::ExportService>(one, state_, [config] { return pipeline::connect_platform(*config); });
  register_export_metrics(metrics_, *service);
  return service;
}

void ExportSet::check(const config::Config& config) {
  for (const auto& entry : config.exports) exports::never_block_list(config, entry);
}

void ExportSet::apply(const std::shared_ptr<const config::Config>& config) {
  check(*config);  // before anything stops

  const bool reload = applied_;
  applied_ = true;
  std::vector<Export> next;
  std::vector<std::shared_ptr<exports::ExportService>> fresh;
  std::vector<std::string> unchanged;
  for (const auto& entry : config->exports) {
    const auto running =
        std::find_if(exports_.begin(), exports_.end(), [&](const Export& item) { return item.name == entry.name; });
    if (running != exports_.end()) {
      const auto keys = changes(*running->config, *running->entry, *config, entry);
      if (keys.empty()) {
        next.push_back(Export{entry.name, config, &entry, running->service});
        unchanged.push_back(entry.name);
        continue;
      }
      // Its list stays served while the refresh in flight, if any, ends and is saved; the new
      // runner is restored from what it saved.
      running->service->stop();
      const bool full = filters_changed(*running->entry, entry);
      if (full) {
        if (auto row = state_.export_list(entry.name)) {
          row->full_at = 0;  // the next refresh is a full read, due at once
          state_.save_export_marks(*row);
        }
      }
      spdlog::info("reload: export {} changed ({}): {}", entry.name, joined(keys),
                   full ? "the list is read again in full now" : "applied to the stored list now");
    } else if (reload) {
      // A name added back finds its last list in the state file (docs/exports.md, Reload), built
      // under filters that may not be these: served at once, and read again in full.
      bool kept = false;
      if (auto row = state_.export_list(entry.name)) {
        row->full_at = 0;
        state_.save_export_marks(*row);
        kept = true;
      }
      spdlog::info("reload: export {} added: served at /exports/{}{}", entry.name, entry.name,
                   kept ? " from its last list in the state file, read again in full now" : "");
    }
    next.push_back(Export{entry.name, config, &entry, build(config, entry)});
    fresh.push_back(next.back().service);
  }
  std::vector<std::shared_ptr<exports::ExportService>> gone;
  for (const auto& running : exports_) {
    if (std::none_of(next.begin(), next.end(), [&](const Export& item) { return item.name == running.name; })) {
      forget_export_metrics(metrics_, running.name);
      gone.push_back(running.service);
      spdlog::info("reload: export {} removed: /exports/{} answers 404; its last list stays in the state file",
                   running.name, running.name);
    }
  }
  {
    std::lock_guard lock(mutex_);
    exports_ = std::move(next);
  }
  // After the swap: the 404 does not wait for a removed export's refresh in flight to end.
  for (const auto& service : gone) service->stop();
  if (reload && !unchanged.empty()) {
    spdlog::info("reload: {} unchanged, left running: {}", counted(unchanged.size(), "export", "exports"),
                 joined(unchanged));
  }
  if (started_) {
    for (const auto& service : fresh) service->start();
  }
}

void ExportSet::start() {
  started_ = true;
  for (const auto& item : exports_) item.service->start();
}

void ExportSet::stop() {
  for (const auto& item : exports_) item.service->stop();
}

ExportSet::Found ExportSet::find(std::string_view name) const {
  std::lock_guard lock(mutex_);
  for (const auto& item : exports_) {
    if (item.name == name) return Found{item.service, item.service->find(name)};
  }
  return {};
}

std::vector<exports::ExportStatus> ExportSet::statuses() const {
  std::vector<std::shared_ptr<const exports::ExportService>> services;
  {
    std::lock_guard lock(mutex_);
    for (const auto& item : exports_) services.push_back(item.service);
  }
  std::vector<exports::ExportStatus> out;
  for (const auto& service : services) {
    for (auto& status : service->statuses()) out.push_back(std::move(status));
  }
  return out;
}

bool ExportSet::empty() const {
  std::lock_guard lock(mutex_);
  return exports_.empty();
}

}  // namespace tcfeed::daemon
