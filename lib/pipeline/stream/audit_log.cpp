#include "lib/pipeline/stream/audit_log.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "lib/core/json_writer.hpp"

namespace tcfeed::pipeline {
namespace {

constexpr std::size_t kFlushAt = 64 * 1024;

// What decided a skip: the configuration key or the cursor (docs/reasons.md, Records).
std::string_view skip_rule(Unmapped reason) {
  switch (reason) {
    case Unmapped::Offline: return "include_offline";
    case Unmapped::BelowMinConfidence: return "min_confidence";
    case Unmapped::IocTypeNotSelected: return "ioc_types";
    case Unmapped::AlreadyRead: return "cursor";
    case Unmapped::BeforeBackfill: return "backfill";
    case Unmapped::Filtered: return "filter";
    case Unmapped::Revoked: return "revoked";
    case Unmapped::Expired: return "valid_until";
    case Unmapped::NotIndicator: return "type";
    default: return unmapped_unread(reason) ? "format" : "mapping";
  }
}

}  // namespace

AuditLog::AuditLog(const std::string& path, std::string connector) : path_(path), connector_(std::move(connector)) {
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr) throw std::runtime_error("cannot write the audit file " + path + ": " + std::strerror(errno));
  buffer_.reserve(kFlushAt + 4096);
}

AuditLog::~AuditLog() {
  if (file_ != nullptr) std::fclose(file_);
}

void AuditLog::begin_line(std::size_t record) {
  buffer_ += "{\"connector\":";
  JsonWriter::append_string(buffer_, connector_);
  buffer_ += ",\"record\":";
  buffer_ += std::to_string(record);
}

void AuditLog::end_line() {
  buffer_ += "}\n";
  if (buffer_.size() < kFlushAt) return;
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) failed_ = true;
  buffer_.clear();
}

void AuditLog::record(Unmapped reason) {
  begin_line(++record_);
  buffer_ += unmapped_skip(reason) ? ",\"record_outcome\":\"skipped\"" : ",\"record_outcome\":\"unmapped\"";
  buffer_ += ",\"reason\":\"";
  buffer_ += unmapped_code(reason);  // snake_case: no escaping needed
  buffer_ += "\",\"rule\":\"";
  buffer_ += skip_rule(reason);
  buffer_ += '"';
  end_line();
}

void AuditLog::candidate(bool first, const AuditedCandidate& line) {
  if (first || record_ == 0) {
    ++record_;
    candidate_ = 0;
  }
  begin_line(record_);
  buffer_ += ",\"record_outcome\":\"mapped\",\"candidate\":";
  buffer_ += std::to_string(++candidate_);
  buffer_ += ",\"type\":";
  JsonWriter::append_string(buffer_, indicators::type_name(line.type));
  buffer_ += ",\"value\":";
  JsonWriter::append_string(buffer_, line.read);
  if (!line.sent.empty()) {
    buffer_ += ",\"sent\":";
    JsonWriter::append_string(buffer_, line.sent);
  }
  buffer_ += ",\"outcome\":";
  JsonWriter::append_string(buffer_, line.outcome);
  if (!line.reason.empty()) {
    buffer_ += ",\"reason\":";
    JsonWriter::append_string(buffer_, line.reason);
  }
  if (!line.rule.empty()) {
    buffer_ += ",\"rule\":";
    JsonWriter::append_string(buffer_, line.rule);
  }
  if (!line.warninglist.empty()) {
    buffer_ += ",\"warninglist\":";
    JsonWriter::append_string(buffer_, line.warninglist);
  }
  if (!line.source.empty()) {
    buffer_ += ",\"source\":";
    JsonWriter::append_string(buffer_, line.source);
  }
  end_line();
}

void AuditLog::close() {
  if (file_ == nullptr) return;
  if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) failed_ = true;
  buffer_.clear();
  if (std::fclose(file_) != 0) failed_ = true;
  file_ = nullptr;
  if (failed_) throw std::runtime_error("cannot write the audit file " + path_ + ": " + std::strerror(errno));
}

}  // namespace tcfeed::pipeline
