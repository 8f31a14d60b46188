#pragma once
// The audit of one poll, record by record (docs/audit.md): one JSON line per record the connector
// could not map or left out, and one per candidate a record yielded, with the value as read and as
// it would be sent, its outcome, the reason code and the rule that decided. Lines go out through a
// fixed buffer, so memory stays bounded however large the feed; `run --once --dry-run DIR` writes
// it beside the documents.
#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

#include "lib/indicators/indicator_type.hpp"
#include "lib/pipeline/connector/unmapped.hpp"

namespace tcfeed::pipeline {

// What became of one candidate, as its audit line says it.
struct AuditedCandidate {
  indicators::IndicatorType type = indicators::IndicatorType::Address;
  std::string_view read;         // the value as the connector handed it over
  std::string_view sent;         // the normalized value; empty when it was rejected before that
  std::string_view outcome;      // queued, unchanged, duplicate, rejected, dropped
  std::string_view reason;       // a code of docs/reasons.md, or empty for queued
  std::string_view rule;         // what decided: an allowlist entry, a warninglist, the seen set…
  std::string_view source;       // the record's Source attribute (its page at the feed), if any
  std::string_view warninglist;  // a tag-only warninglist the value is on, if any
};

class AuditLog {
 public:
  // Opens (truncating) `path`. Throws std::runtime_error naming the path when it cannot.
  AuditLog(const std::string& path, std::string connector);
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // A record that yielded no candidate: unmapped or skipped (unmapped_skip) for `reason`.
  void record(Unmapped reason);
  // A candidate; `first` when it opens a record (not Candidate::continues_record).
  void candidate(bool first, const AuditedCandidate& line);
  // Writes what is buffered and closes; throws std::runtime_error when the disk refused it.
  void close();

  const std::string& path() const { return path_; }

 private:
  void begin_line(std::size_t record);
  void end_line();

  std::string path_;
  std::string connector_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
  std::size_t record_ = 0;     // ordinal of the current record in the poll, from 1
  std::size_t candidate_ = 0;  // ordinal of the current candidate in its record, from 1
  bool failed_ = false;
};

}  // namespace tcfeed::pipeline
