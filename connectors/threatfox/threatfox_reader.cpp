#include "connectors/threatfox/threatfox_reader.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "connectors/feed_reader.hpp"
#include "connectors/json_fields.hpp"
#include "lib/core/log_escape.hpp"
#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::connectors::threatfox {
namespace {

struct ThreatfoxFeed : FeedDefaults {
  using Mapper = ThreatfoxMapper;
  using Record = ThreatfoxRecord;
  using Result = ReadResult;
  static constexpr std::string_view kFeed = "ThreatFox";
  static constexpr std::string_view kDocument = "export";
  enum Column { kId, kValue, kType, kThreatType, kMalware, kConfidence, kReference, kTags };
  static constexpr std::array kColumns = {CsvColumn{"ioc_id"},
                                          CsvColumn{"ioc_value"},
                                          CsvColumn{"ioc_type"},
                                          CsvColumn{"threat_type"},
                                          CsvColumn{"malware_printable"},
                                          CsvColumn{"confidence_level"},
                                          CsvColumn{"reference"},
                                          CsvColumn{"tags"}};

  explicit ThreatfoxFeed(std::size_t max_document_bytes) : max_document_bytes_(max_document_bytes) {}

  // '{' is the API response or the JSON export, '[' a bare array of IOCs, anything else the CSV export.
  std::optional<pipeline::JsonOptions> json_form(const FeedHead& head) {
    if (!head.json()) return std::nullopt;
    envelope_ = head.first == '{';
    pipeline::JsonOptions options;
    options.form = envelope_ ? pipeline::JsonForm::KeyedObject : pipeline::JsonForm::Array;
    options.max_record_bytes = max_document_bytes_;
    return options;
  }

  // Two JSON documents are objects: the API's envelope (query_status, then the IOCs in `data`) and
  // the JSON export (/export/json/recent/), whose members are the IOCs keyed by id, each an array of
  // one object. The first member tells them apart.
  bool is_record(std::string_view key, simdjson::dom::element element) {
    if (!envelope_ || export_) return true;
    if (key == "query_status") {
      api_ = true;
      std::string_view text;
      if (element.get(text) != simdjson::SUCCESS) {
        throw pipeline::SourceError("ThreatFox API: query_status is not a string");
      }
      status_ = text;
      if (status_ == "ratelimited") {
        // abuse.ch's rate limit in the body: the next poll must wait.
        pipeline::SourceAsk ask;
        ask.rate_limited = true;
        throw pipeline::SourceError("ThreatFox API: query_status 'ratelimited' — rate limited by the source", ask);
      }
      if (status_ != "ok" && !no_result()) {
        // The source's own text: escaped so a NUL cannot end the message early, cut so it stays a line.
        throw pipeline::SourceError("ThreatFox API: query_status '" + log_escaped(status_.substr(0, 200)) + "'");
      }
      return false;
    }
    if (key == "data") api_ = true;
    if (!api_ && !key.empty() && std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      export_ = true;
      return true;
    }
    // Other members of the response are not IOCs, nor is `data` when it is then a message string.
    return key == "data" && !no_result();
  }

  void end_json() const {
    if (envelope_ && !export_ && status_.empty()) {
      throw pipeline::SourceError(
          "ThreatFox: the JSON object is neither an API response (it has no query_status) nor the JSON export "
          "(members keyed by IOC id); tcfeed reads those two, a JSON array of IOCs, and the CSV exports");
    }
  }

  void from_csv(const CsvRow& row, ThreatfoxRecord& record) const {
    record.complete = row.complete();
    record.id = row.field(kId);
    record.ioc = row.field(kValue);
    record.ioc_type = row.field(kType);
    record.threat_type = row.field(kThreatType);
    record.malware_printable = row.field(kMalware);
    record.confidence_level = row.field(kConfidence);
    record.reference = row.field(kReference);
    record.tags.clear();
    split_tag_list(row.field(kTags), record.tags);
  }

  // The API sends id as a string and confidence_level as a number; either may change. The export
  // keys each IOC by its id and names the fields as its CSV columns; its tags are one
  // comma-separated string, the API's an array: either is read.
  void from_json(std::string_view key, simdjson::dom::element ioc, ThreatfoxRecord& record) {
    record.id = export_ ? key : json_scalar(ioc, "id", id_text_);
    record.ioc = json_string(ioc, export_ ? "ioc_value" : "ioc");
    record.ioc_type = json_string(ioc, "ioc_type");
    record.threat_type = json_string(ioc, "threat_type");
    record.malware_printable = json_string(ioc, "malware_printable");
    record.confidence_level = json_scalar(ioc, "confidence_level", confidence_text_);
    record.reference = json_string(ioc, "reference");
    record.tags.clear();
    json_strings(ioc, "tags", record.tags);
    split_tag_list(json_string(ioc, "tags"), record.tags);
  }

  static void add(ReadResult& result, const MapResult& mapped) { result.max_id = std::max(result.max_id, mapped.id); }

 private:
  bool no_result() const { return status_ == "no_result" || status_ == "no_results"; }

  std::size_t max_document_bytes_;
  bool envelope_ = false;
  bool api_ = false;     // the object is the API's envelope
  bool export_ = false;  // the object is the JSON export
  std::string status_;
  std::string id_text_;
  std::string confidence_text_;
};

}  // namespace

ReadResult read_threatfox(std::unique_ptr<pipeline::ByteSource> source, const ThreatfoxMapOptions& options,
                          pipeline::CandidateSink& sink, std::size_t max_document_bytes) {
  return read_feed(ThreatfoxFeed(max_document_bytes), std::move(source), options, sink);
}

}  // namespace tcfeed::connectors::threatfox
