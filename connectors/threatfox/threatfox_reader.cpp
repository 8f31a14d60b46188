#include "connectors/threatfox/threatfox_reader.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "connectors/feed_head.hpp"
#include "connectors/skipped_records.hpp"
#include "lib/pipeline/format/csv_reader.hpp"
#include "lib/pipeline/format/json_records.hpp"
#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::connectors::threatfox {
namespace {

enum Column {
  kId,
  kValue,
  kType,
  kThreatType,
  kMalware,
  kConfidence,
  kReference,
  kTags,
  kColumnCount
};
constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "ioc_id",
    "ioc_value",
    "ioc_type",
    "threat_type",
    "malware_printable",
    "confidence_level",
    "reference",
    "tags"};

ReadResult read_csv(pipeline::ByteSource &source, ThreatfoxMapper &mapper,
                    pipeline::CandidateSink &sink) {
  pipeline::CsvOptions options;
  options.header =
      pipeline::CsvHeader::LastComment; // `# "first_seen_utc","ioc_id",...`
                                        // after the banner
  pipeline::CsvReader reader(source, options);
  std::array<std::size_t, kColumnCount> at{};
  std::size_t width = 0;
  ReadResult result;
  ThreatfoxRecord record;
  reader.read(
      [&](std::span<const std::string_view> fields) {
        ++result.records;
        auto field = [&](Column column) {
          return at[column] < fields.size() ? fields[at[column]]
                                            : std::string_view();
        };
        record.complete = fields.size() == width;
        record.id = field(kId);
        record.ioc = field(kValue);
        record.ioc_type = field(kType);
        record.threat_type = field(kThreatType);
        record.malware_printable = field(kMalware);
        record.confidence_level = field(kConfidence);
        record.reference = field(kReference);
        record.tags.clear();
        split_tag_list(field(kTags), record.tags);
        result.max_id = std::max(result.max_id, mapper.map(record, sink).id);
      },
      [&](const pipeline::CsvReader &header) {
        width = header.header().size();
        for (std::size_t i = 0; i < kColumnCount; ++i) {
          const int index = header.column(kColumnNames[i]);
          if (index < 0) {
            throw pipeline::SourceError("ThreatFox CSV: the header has no '" +
                                        std::string(kColumnNames[i]) +
                                        "' column; the export's format changed "
                                        "or this is not a ThreatFox export");
          }
          at[i] = static_cast<std::size_t>(index);
        }
      });
  result.records += report_skipped(reader.stats(), sink);
  return result;
}

std::string_view string_field(simdjson::dom::element element, const char *key) {
  std::string_view value;
  if (element[key].get(value) != simdjson::SUCCESS)
    return {};
  return value;
}

// A string member as is, an integer member as text (the API sends id as a
// string, confidence_level as a number; either may change).
std::string_view scalar_field(simdjson::dom::element element, const char *key,
                              std::string &buffer) {
  std::int64_t number = 0;
  if (element[key].get(number) == simdjson::SUCCESS) {
    buffer = std::to_string(number);
    return buffer;
  }
  return string_field(element, key);
}

ReadResult read_json(pipeline::ByteSource &source, bool envelope,
                     std::size_t max_document_bytes, ThreatfoxMapper &mapper,
                     pipeline::CandidateSink &sink) {
  pipeline::JsonOptions options;
  options.form =
      envelope ? pipeline::JsonForm::KeyedObject : pipeline::JsonForm::Array;
  options.max_record_bytes = max_document_bytes;
  pipeline::JsonRecords records(source, options);
  ReadResult result;
  ThreatfoxRecord record;
  std::string id_text, confidence_text;
  std::string status;
  records.read([&](std::string_view key, simdjson::dom::element element) {
    if (envelope && key == "query_status") {
      std::string_view text;
      if (element.get(text) != simdjson::SUCCESS)
        throw pipeline::SourceError(
            "ThreatFox API: query_status is not a string");
      status = text;
      if (status == "ratelimited") {
        // abuse.ch's rate limit in the body (feeds.md): the next poll must wait.
        pipeline::SourceAsk ask;
        ask.rate_limited = true;
        throw pipeline::SourceError(
            "ThreatFox API: query_status 'ratelimited' — rate limited by the source", ask);
      }
      if (status != "ok" && status != "no_result" && status != "no_results") {
        throw pipeline::SourceError("ThreatFox API: query_status '" + status +
                                    "'");
      }
      return;
    }
    if (envelope && key != "data")
      return; // other members of the response
    if (status == "no_result" || status == "no_results")
      return; // data is then a message string
    ++result.records;
    if (!element.is_object()) {
      sink.unmapped(pipeline::Unmapped::Malformed);
      return;
    }
    record.id = scalar_field(element, "id", id_text);
    record.ioc = string_field(element, "ioc");
    record.ioc_type = string_field(element, "ioc_type");
    record.threat_type = string_field(element, "threat_type");
    record.malware_printable = string_field(element, "malware_printable");
    record.confidence_level =
        scalar_field(element, "confidence_level", confidence_text);
    record.reference = string_field(element, "reference");
    record.tags.clear();
    simdjson::dom::array tags;
    if (element["tags"].get(tags) == simdjson::SUCCESS) {
      for (auto tag : tags) {
        std::string_view text;
        if (tag.get(text) == simdjson::SUCCESS)
          record.tags.push_back(text);
      }
    }
    result.max_id = std::max(result.max_id, mapper.map(record, sink).id);
  });
  if (envelope && status.empty())
    throw pipeline::SourceError(
        "ThreatFox API: the response has no query_status");
  result.records += report_skipped(records.stats(), sink);
  return result;
}

} // namespace

ReadResult read_threatfox(std::unique_ptr<pipeline::ByteSource> source,
                          const ThreatfoxMapOptions &options,
                          pipeline::CandidateSink &sink,
                          std::size_t max_document_bytes) {
  // '{' is the API response, '[' a bare array of IOCs, anything else the CSV
  // export.
  const FeedHead head = peek_feed_head(source);
  ThreatfoxMapper mapper(options);
  if (head.json())
    return read_json(*source, head.first == '{', max_document_bytes, mapper,
                     sink);
  return read_csv(*source, mapper, sink);
}

} // namespace tcfeed::connectors::threatfox
