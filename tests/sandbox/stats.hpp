#pragma once
// What the sandbox saw, for tests: accepted connections (connection reuse), requests, and a log of
// the API and file requests with their arrival time, so a test can check the spacing of retries.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>

#include "lib/core/json_writer.hpp"

namespace tcfeed::sandbox {

struct LogEntry {
  std::int64_t t_ms = 0;  // milliseconds since the sandbox started, at arrival
  std::string method;
  std::string path;  // without the query (which may carry owner names)
  int status = 0;
  bool cut = false;
  std::string detail;  // what an endpoint adds about the request (MISP: the page asked)
};

class Stats {
 public:
  static constexpr std::size_t kLogCapacity = 10000;

  std::int64_t connections = 0;  // accepted TCP connections (counted by the server)
  std::int64_t requests = 0;     // every request, control endpoints included

  // Keeps the newest kLogCapacity entries; per-path counts are never dropped.
  void record(LogEntry entry);
  // DELETE /_sandbox/stats: empties the log and the per-path counts (not the two totals).
  void clear_log();
  const std::deque<LogEntry>& log() const { return log_; }
  const std::map<std::string, std::int64_t, std::less<>>& paths() const { return paths_; }

  // {"connections","requests","paths":{path:n},"log":[...],"log_dropped"}
  void write_json(JsonWriter& json) const;

 private:
  std::deque<LogEntry> log_;
  std::map<std::string, std::int64_t, std::less<>> paths_;
  std::int64_t dropped_ = 0;
};

}  // namespace tcfeed::sandbox
