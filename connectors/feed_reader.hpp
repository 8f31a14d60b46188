#pragma once
// The reader the abuse.ch feeds share. Each publishes one feed as a CSV export and as JSON (an
// API response or a dump), told apart by content; each CSV names its columns in a header; each
// record goes to the feed's mapper, and what the format readers skipped is counted as unmapped.
// A feed plugs in only its own part, a struct read_feed calls statically (inlined, no virtual
// call per record or field):
//
//   struct MyFeed : FeedDefaults {
//     using Mapper = ...;   // constructed from the map options; map(const Record&, CandidateSink&)
//     using Record = ...;   // reused from record to record
//     using Result = ...;   // has `std::size_t records`
//     static constexpr std::string_view kFeed = "URLhaus", kDocument = "export";  // for errors
//     static constexpr std::array<CsvColumn, N> kColumns = {...};
//     std::optional<pipeline::JsonOptions> json_form(const FeedHead& head);  // nullopt: CSV
//     void from_csv(const CsvRow& row, Record& record);  // row.field(i) is kColumns[i]
//     void from_json(std::string_view key, simdjson::dom::element object, Record& record);
//     static void add(Result& result, const <what Mapper::map returns>& mapped);
//   };
//
// FeedDefaults supplies the hooks most feeds need as they are; a feed redeclares the one it does
// differently.
#include <simdjson.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

#include "connectors/csv_columns.hpp"
#include "connectors/feed_head.hpp"
#include "connectors/skipped_records.hpp"
#include "lib/pipeline/connector/connector.hpp"
#include "lib/pipeline/format/csv_reader.hpp"
#include "lib/pipeline/format/json_records.hpp"
#include "lib/pipeline/source/byte_source.hpp"

namespace tcfeed::connectors {

struct FeedDefaults {
  // Enough to see the first byte past a BOM and whitespace.
  static constexpr std::size_t kHeadBytes = 512;
  // About the bytes of one CSV row of the feed's, so that a file's size over it is about its rows
  // (CandidateSink::expect). A JSON record's size varies too much to tell.
  static constexpr std::size_t kCsvRowBytes = 128;

  // The abuse.ch exports put the header in the last `#` comment line, after a banner.
  pipeline::CsvOptions csv_options(const FeedHead&) const {
    pipeline::CsvOptions options;
    options.header = pipeline::CsvHeader::LastComment;
    return options;
  }
  // Whether a JSON member is a record; a feed whose JSON wraps its records (an API's envelope)
  // takes in the other members here and answers false.
  bool is_record(std::string_view, simdjson::dom::element) { return true; }
  // After the JSON's last member: a feed that expected a member it did not see throws here.
  void end_json() {}
};

// Reads `source` to its end into the feed's mapper. Throws SourceError when the source fails, the
// JSON structure is broken, or the CSV lacks a required column.
template <typename Feed>
typename Feed::Result read_feed(Feed feed, std::unique_ptr<pipeline::ByteSource> source, const auto& map_options,
                                pipeline::CandidateSink& sink) {
  const FeedHead head = peek_feed_head(source, Feed::kHeadBytes);
  typename Feed::Mapper mapper(map_options);
  typename Feed::Record record;
  typename Feed::Result result;
  if (const std::optional<pipeline::JsonOptions> json = feed.json_form(head)) {
    pipeline::JsonRecords records(*source, *json);
    records.read([&](std::string_view key, simdjson::dom::element element) {
      if (!feed.is_record(key, element)) return;
      ++result.records;
      if (!element.is_object()) {
        sink.unmapped(pipeline::Unmapped::Malformed);
        return;
      }
      feed.from_json(key, element, record);
      Feed::add(result, mapper.map(record, sink));
    });
    feed.end_json();
    result.records += report_skipped(records.stats(), sink);
  } else {
    if (const std::size_t bytes = source->size_hint(); bytes != 0) sink.expect(bytes / Feed::kCsvRowBytes);
    pipeline::CsvReader reader(*source, feed.csv_options(head));
    CsvColumns columns(Feed::kColumns, Feed::kFeed, Feed::kDocument);
    reader.read(
        [&](std::span<const std::string_view> fields) {
          ++result.records;
          feed.from_csv(columns.row(fields), record);
          Feed::add(result, mapper.map(record, sink));
        },
        [&](const pipeline::CsvReader& header) { columns.resolve(header); });
    result.records += report_skipped(reader.stats(), sink);
  }
  return result;
}

}  // namespace tcfeed::connectors
