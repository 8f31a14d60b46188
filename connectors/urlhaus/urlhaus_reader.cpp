#include "connectors/urlhaus/urlhaus_reader.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "connectors/feed_reader.hpp"
#include "connectors/json_fields.hpp"

namespace tcfeed::connectors::urlhaus {
namespace {

struct UrlhausFeed : FeedDefaults {
  using Mapper = UrlhausMapper;
  using Record = UrlhausRecord;
  using Result = ReadResult;
  static constexpr std::string_view kFeed = "URLhaus";
  static constexpr std::string_view kDocument = "export";
  // Two dates, a URL, its status, threat, tags and the URLhaus link: about 180 bytes a row.
  static constexpr std::size_t kCsvRowBytes = 160;
  enum Column { kId, kDateAdded, kUrl, kUrlStatus, kThreat, kTags, kLink };
  static constexpr std::array kColumns = {
      CsvColumn{"id"}, CsvColumn{"dateadded"}, CsvColumn{"url"}, CsvColumn{"url_status"}, CsvColumn{"threat"},
      CsvColumn{"tags"},
      // Optional: an export without it still maps, only without the Source attribute.
      CsvColumn{"urlhaus_link", false}};

  // '{' (the dump, keyed by id) or '[' is JSON; '#' or '"' the CSV export.
  std::optional<pipeline::JsonOptions> json_form(const FeedHead& head) const {
    return head.json() ? std::optional(pipeline::JsonOptions{}) : std::nullopt;
  }

  void from_csv(const CsvRow& row, UrlhausRecord& record) const {
    record.complete = row.complete();
    record.id = row.field(kId);
    record.dateadded = row.field(kDateAdded);
    record.url = row.field(kUrl);
    record.url_status = row.field(kUrlStatus);
    record.threat = row.field(kThreat);
    record.tags.clear();
    split_tags(row.field(kTags), record.tags);
    record.link = row.field(kLink);
  }

  // The dump keys each entry by its id; an array (the API's form) has an "id" member instead.
  void from_json(std::string_view key, simdjson::dom::element entry, UrlhausRecord& record) {
    record.id = key.empty() ? json_scalar(entry, "id", id_text_) : key;
    record.dateadded = json_string(entry, "dateadded");
    record.url = json_string(entry, "url");
    record.url_status = json_string(entry, "url_status");
    record.threat = json_string(entry, "threat");
    record.link = json_string(entry, "urlhaus_link");
    record.tags.clear();
    json_strings(entry, "tags", record.tags);
  }

  static void add(ReadResult& result, const MapResult& mapped) { result.max_id = std::max(result.max_id, mapped.id); }

  std::string id_text_;
};

}  // namespace

ReadResult read_urlhaus(std::unique_ptr<pipeline::ByteSource> source, const UrlhausMapOptions& options,
                        pipeline::CandidateSink& sink) {
  return read_feed(UrlhausFeed{}, std::move(source), options, sink);
}

}  // namespace tcfeed::connectors::urlhaus
