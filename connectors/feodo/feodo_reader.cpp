#include "connectors/feodo/feodo_reader.hpp"

#include <array>
#include <string>

#include "connectors/feed_head.hpp"
#include "connectors/skipped_records.hpp"
#include "lib/pipeline/format/csv_reader.hpp"
#include "lib/pipeline/format/json_records.hpp"
#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::connectors::feodo {
namespace {

enum Column { kIp, kPort, kStatus, kMalware, kColumnCount };
constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "dst_ip", "dst_port", "c2_status", "malware"};

// The header is a plain first record in today's export; older copies had it in
// a `#` comment.
pipeline::CsvHeader header_form(std::string_view head) {
  while (!head.empty()) {
    const auto newline = head.find('\n');
    const std::string_view line = head.substr(0, newline);
    const auto first = line.find_first_not_of(" \t\r");
    if (first != std::string_view::npos && line[first] != '#') {
      return line.find("dst_ip") != std::string_view::npos
                 ? pipeline::CsvHeader::FirstRecord
                 : pipeline::CsvHeader::LastComment;
    }
    if (newline == std::string_view::npos)
      break;
    head.remove_prefix(newline + 1);
  }
  return pipeline::CsvHeader::LastComment;
}

ReadResult read_csv(pipeline::ByteSource &source,
                    pipeline::CsvHeader header_form, FeodoMapper &mapper,
                    pipeline::CandidateSink &sink) {
  pipeline::CsvOptions options;
  options.header = header_form;
  pipeline::CsvReader reader(source, options);
  std::array<std::size_t, kColumnCount> at{};
  std::size_t width = 0;
  ReadResult result;
  FeodoRecord record;
  reader.read(
      [&](std::span<const std::string_view> fields) {
        ++result.records;
        auto field = [&](Column column) {
          return at[column] < fields.size() ? fields[at[column]]
                                            : std::string_view();
        };
        record.complete = fields.size() == width;
        record.ip = field(kIp);
        record.port = field(kPort);
        record.status = field(kStatus);
        record.malware = field(kMalware);
        mapper.map(record, sink);
      },
      [&](const pipeline::CsvReader &header) {
        width = header.header().size();
        for (std::size_t i = 0; i < kColumnCount; ++i) {
          const int index = header.column(kColumnNames[i]);
          if (index < 0) {
            throw pipeline::SourceError(
                "Feodo Tracker CSV: the header has no '" +
                std::string(kColumnNames[i]) +
                "' column; the list's format changed or this is not a Feodo "
                "Tracker list");
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

ReadResult read_json(pipeline::ByteSource &source, FeodoMapper &mapper,
                     pipeline::CandidateSink &sink) {
  pipeline::JsonOptions options;
  options.form = pipeline::JsonForm::Array;
  pipeline::JsonRecords records(source, options);
  ReadResult result;
  FeodoRecord record;
  std::string port_text;
  records.read([&](std::string_view, simdjson::dom::element element) {
    ++result.records;
    if (!element.is_object()) {
      sink.unmapped(pipeline::Unmapped::Malformed);
      return;
    }
    record.ip = string_field(element, "ip_address");
    std::int64_t port = 0;
    if (element["port"].get(port) == simdjson::SUCCESS) {
      port_text = std::to_string(port);
      record.port = port_text;
    } else {
      record.port = string_field(element, "port");
    }
    record.status = string_field(element, "status");
    record.malware = string_field(element, "malware");
    mapper.map(record, sink);
  });
  result.records += report_skipped(records.stats(), sink);
  return result;
}

} // namespace

ReadResult read_feodo(std::unique_ptr<pipeline::ByteSource> source,
                      const FeodoMapOptions &options,
                      pipeline::CandidateSink &sink) {
  // 4 KiB: enough to see past the CSV's comment banner to its header line.
  const FeedHead head = peek_feed_head(source, 4096);
  FeodoMapper mapper(options);
  if (head.first == '[')
    return read_json(*source, mapper, sink);
  return read_csv(*source, header_form(head.bytes), mapper, sink);
}

} // namespace tcfeed::connectors::feodo
