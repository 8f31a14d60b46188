#include "connectors/urlhaus/urlhaus_reader.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "connectors/skipped_records.hpp"
#include "lib/pipeline/format/csv_reader.hpp"
#include "lib/pipeline/format/json_records.hpp"
#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::connectors::urlhaus {
namespace {

enum Column { kId, kDateAdded, kUrl, kUrlStatus, kThreat, kTags, kColumnCount };
constexpr std::array<std::string_view, kColumnCount> kColumnNames = {"id", "dateadded", "url", "url_status", "threat", "tags"};

ReadResult read_csv(pipeline::ByteSource& source, UrlhausMapper& mapper, pipeline::CandidateSink& sink) {
  pipeline::CsvOptions options;
  options.header = pipeline::CsvHeader::LastComment;  // `# id,dateadded,url,...` after the banner
  pipeline::CsvReader reader(source, options);
  std::array<std::size_t, kColumnCount> at{};
  int link_at = -1;
  std::size_t width = 0;
  ReadResult result;
  UrlhausRecord record;
  reader.read(
      [&](std::span<const std::string_view> fields) {
        ++result.records;
        // A short row still gets its id read, so the mapper can tell an old broken row from a new one.
        auto field = [&](Column column) { return at[column] < fields.size() ? fields[at[column]] : std::string_view(); };
        record.complete = fields.size() == width;
        record.id = field(kId);
        record.dateadded = field(kDateAdded);
        record.url = field(kUrl);
        record.url_status = field(kUrlStatus);
        record.threat = field(kThreat);
        record.tags.clear();
        split_tags(field(kTags), record.tags);
        // Optional: an export without the column still maps, only without the Source attribute.
        record.link = link_at >= 0 && static_cast<std::size_t>(link_at) < fields.size() ? fields[link_at] : std::string_view();
        result.max_id = std::max(result.max_id, mapper.map(record, sink).id);
      },
      [&](const pipeline::CsvReader& header) {
        width = header.header().size();
        link_at = header.column("urlhaus_link");
        for (std::size_t i = 0; i < kColumnCount; ++i) {
          const int index = header.column(kColumnNames[i]);
          if (index < 0) {
            throw pipeline::SourceError("URLhaus CSV: the header has no '" + std::string(kColumnNames[i]) +
                                        "' column; the export's format changed or this is not a URLhaus export");
          }
          at[i] = static_cast<std::size_t>(index);
        }
      });
  result.records += report_skipped(reader.stats(), sink);
  return result;
}

std::string_view string_field(simdjson::dom::element element, const char* key) {
  std::string_view value;
  if (element[key].get(value) != simdjson::SUCCESS) return {};
  return value;
}

ReadResult read_json(pipeline::ByteSource& source, UrlhausMapper& mapper, pipeline::CandidateSink& sink) {
  pipeline::JsonRecords records(source);
  ReadResult result;
  UrlhausRecord record;
  std::string id_text;  // an "id" member of an array element (the API's form), as text
  records.read([&](std::string_view key, simdjson::dom::element element) {
    ++result.records;
    if (!element.is_object()) {
      sink.unmapped(pipeline::Unmapped::Malformed);
      return;
    }
    record.id = key;
    if (key.empty()) {
      std::int64_t id = 0;
      id_text = element["id"].get(id) == simdjson::SUCCESS ? std::to_string(id) : std::string(string_field(element, "id"));
      record.id = id_text;
    }
    record.dateadded = string_field(element, "dateadded");
    record.url = string_field(element, "url");
    record.url_status = string_field(element, "url_status");
    record.threat = string_field(element, "threat");
    record.link = string_field(element, "urlhaus_link");
    record.tags.clear();
    simdjson::dom::array tags;
    if (element["tags"].get(tags) == simdjson::SUCCESS) {
      for (auto tag : tags) {
        std::string_view text;
        if (tag.get(text) == simdjson::SUCCESS) record.tags.push_back(text);
      }
    }
    result.max_id = std::max(result.max_id, mapper.map(record, sink).id);
  });
  result.records += report_skipped(records.stats(), sink);
  return result;
}

}  // namespace

ReadResult read_urlhaus(std::unique_ptr<pipeline::ByteSource> source, const UrlhausMapOptions& options,
                        pipeline::CandidateSink& sink) {
  // The first byte that is not a BOM or whitespace tells the form: '{' or '[' is JSON, anything
  // else ('#', '"') the CSV export.
  std::string head;
  source = pipeline::peek(std::move(source), 512, head);
  const auto first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  const bool json = first != std::string::npos && (head[first] == '{' || head[first] == '[');
  UrlhausMapper mapper(options);
  return json ? read_json(*source, mapper, sink) : read_csv(*source, mapper, sink);
}

}  // namespace tcfeed::connectors::urlhaus
