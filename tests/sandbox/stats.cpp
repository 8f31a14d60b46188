#include "tests/sandbox/stats.hpp"

namespace tcfeed::sandbox {

void Stats::record(LogEntry entry) {
  ++paths_[entry.path];
  if (log_.size() == kLogCapacity) {
    log_.pop_front();
    ++dropped_;
  }
  log_.push_back(std::move(entry));
}

void Stats::clear_log() {
  log_.clear();
  paths_.clear();
  dropped_ = 0;
}

void Stats::write_json(JsonWriter& json) const {
  json.begin_object().key("connections").value(connections).key("requests").value(requests);
  json.key("paths").begin_object();
  for (const auto& [path, count] : paths_) json.key(path).value(count);
  json.end_object().key("log").begin_array();
  for (const auto& entry : log_) {
    json.begin_object()
        .key("t_ms")
        .value(entry.t_ms)
        .key("method")
        .value(entry.method)
        .key("path")
        .value(entry.path)
        .key("status")
        .value(entry.status);
    if (entry.cut) json.key("cut").value(true);
    if (!entry.detail.empty()) json.key("detail").value(entry.detail);
    json.end_object();
  }
  json.end_array().key("log_dropped").value(dropped_).end_object();
}

}  // namespace tcfeed::sandbox
