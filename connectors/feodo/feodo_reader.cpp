#include "connectors/feodo/feodo_reader.hpp"

#include <array>
#include <string>

#include "connectors/feed_reader.hpp"
#include "connectors/json_fields.hpp"

namespace tcfeed::connectors::feodo {
namespace {

struct FeodoFeed : FeedDefaults {
  using Mapper = FeodoMapper;
  using Record = FeodoRecord;
  using Result = ReadResult;
  // Enough to see past the CSV's comment banner to its header line.
  static constexpr std::size_t kHeadBytes = 4096;
  static constexpr std::string_view kFeed = "Feodo Tracker";
  static constexpr std::string_view kDocument = "list";
  enum Column { kIp, kPort, kStatus, kMalware };
  static constexpr std::array kColumns = {CsvColumn{"dst_ip"}, CsvColumn{"dst_port"}, CsvColumn{"c2_status"},
                                          CsvColumn{"malware"}};

  // ipblocklist.json is an array of objects; anything else is the CSV.
  std::optional<pipeline::JsonOptions> json_form(const FeedHead& head) const {
    if (head.first != '[') return std::nullopt;
    pipeline::JsonOptions options;
    options.form = pipeline::JsonForm::Array;
    return options;
  }

  // The header is a plain first record in today's export; older copies had it in a `#` comment.
  pipeline::CsvOptions csv_options(const FeedHead& head) const {
    pipeline::CsvOptions options;
    options.header = pipeline::CsvHeader::LastComment;
    std::string_view rest = head.bytes;
    while (!rest.empty()) {
      const auto newline = rest.find('\n');
      const std::string_view line = rest.substr(0, newline);
      const auto first = line.find_first_not_of(" \t\r");
      if (first != std::string_view::npos && line[first] != '#') {
        if (line.find("dst_ip") != std::string_view::npos) options.header = pipeline::CsvHeader::FirstRecord;
        break;
      }
      if (newline == std::string_view::npos) break;
      rest.remove_prefix(newline + 1);
    }
    return options;
  }

  void from_csv(const CsvRow& row, FeodoRecord& record) const {
    record.complete = row.complete();
    record.ip = row.field(kIp);
    record.port = row.field(kPort);
    record.status = row.field(kStatus);
    record.malware = row.field(kMalware);
  }

  void from_json(std::string_view, simdjson::dom::element entry, FeodoRecord& record) {
    record.ip = json_string(entry, "ip_address");
    record.port = json_scalar(entry, "port", port_text_);
    record.status = json_string(entry, "status");
    record.malware = json_string(entry, "malware");
  }

  static void add(ReadResult&, Verdict) {}

  std::string port_text_;
};

}  // namespace

ReadResult read_feodo(std::unique_ptr<pipeline::ByteSource> source, const FeodoMapOptions& options,
                      pipeline::CandidateSink& sink) {
  return read_feed(FeodoFeed{}, std::move(source), options, sink);
}

}  // namespace tcfeed::connectors::feodo
