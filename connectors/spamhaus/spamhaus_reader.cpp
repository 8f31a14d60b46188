#include "connectors/spamhaus/spamhaus_reader.hpp"

#include <string>
#include <string_view>

#include "connectors/feed_head.hpp"
#include "connectors/json_fields.hpp"
#include "connectors/line_reader.hpp"
#include "connectors/skipped_records.hpp"
#include "lib/indicators/text.hpp"
#include "lib/net/backoff.hpp"
#include "lib/pipeline/format/json_records.hpp"
#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::connectors::spamhaus {
namespace {

using indicators::text::iequals;
using indicators::text::trim;

constexpr std::string_view kFeed = "Spamhaus DROP list";

std::string refuse(std::string_view why) {
  return std::string(kFeed) + ": " + std::string(why) +
         "; the file is incomplete (a cut download?), so nothing of it is read and nothing is removed";
}

ReadResult read_json_lines(pipeline::ByteSource& source, pipeline::CandidateSink& sink) {
  ReadResult result;
  result.form = Form::JsonLines;
  SpamhausMapper mapper;
  SpamhausRecord record;
  std::string asn_text;
  std::optional<std::int64_t> declared;  // the metadata line's count, once it has been read
  bool after_metadata = false;
  pipeline::JsonOptions options;
  options.form = pipeline::JsonForm::Lines;
  options.max_record_bytes = kMaxLineBytes;
  pipeline::JsonRecords records(source, options);
  records.read([&](std::string_view, simdjson::dom::element element) {
    if (after_metadata) throw pipeline::SourceError(refuse("a line follows the metadata line, which ends the file"));
    if (element.is_object() && json_string(element, "type") == "metadata") {
      after_metadata = true;
      std::int64_t count = 0;
      if (element["records"].get(count) != simdjson::SUCCESS || count < 0) {
        throw pipeline::SourceError(refuse("the metadata line has no record count"));
      }
      declared = count;
      return;
    }
    ++result.records;
    if (!element.is_object()) {
      sink.unmapped(pipeline::Unmapped::Malformed);
      return;
    }
    record.cidr = json_string(element, "cidr");
    record.asn = json_scalar(element, "asn", asn_text);
    record.sblid = json_string(element, "sblid");
    mapper.map(record, sink);
  });
  // A line the parser refused or too long to be an entry is still a line of the list: counted here,
  // so the count below compares every line, and the list is incomplete (removals withheld).
  const std::size_t skipped = report_skipped(records.stats(), sink);
  result.records += skipped;
  if (!declared) {
    // Refused lines may include the metadata line itself, cut in the middle.
    throw pipeline::SourceError(refuse("no metadata line at the end"));
  }
  if (static_cast<std::uint64_t>(*declared) != result.records) {
    throw pipeline::SourceError(refuse("the metadata line counts " + std::to_string(*declared) +
                                       " records, the file has " + std::to_string(result.records)));
  }
  return result;
}

// `; Expires: Thu, 04 Jan 2024 12:32:39 GMT` → its time; other comments say nothing we use.
void read_comment(std::string_view comment, ReadResult& result) {
  comment = trim(comment.substr(1));
  constexpr std::string_view kExpires = "Expires:";
  if (comment.size() > kExpires.size() && iequals(comment.substr(0, kExpires.size()), kExpires)) {
    result.expires_unix = net::parse_http_date(trim(comment.substr(kExpires.size())));
  }
}

ReadResult read_text(pipeline::ByteSource& source, pipeline::CandidateSink& sink) {
  ReadResult result;
  result.form = Form::Text;
  SpamhausMapper mapper;
  SpamhausRecord record;
  LineOptions options;
  options.max_line_bytes = kMaxLineBytes;
  read_lines(source, options, [&](const Line& line) {
    if (line.oversized) {
      ++result.records;
      sink.unmapped(pipeline::Unmapped::Oversized);
      return;
    }
    const std::string_view text = trim(line.text);
    if (text.empty()) return;
    if (text.front() == ';') {
      read_comment(text, result);
      return;
    }
    ++result.records;
    if (!line.terminated) {
      // "192.0.2.0/2" of a cut "/24" would be a valid, wrong network.
      sink.unmapped(pipeline::Unmapped::Malformed);
      return;
    }
    // `192.0.2.0/24 ; SBL123` or `AS64496 ; US | name`: the value, then what the list says of it.
    const auto semicolon = text.find(';');
    const std::string_view value = trim(text.substr(0, semicolon));
    const std::string_view rest = semicolon == std::string_view::npos ? std::string_view() : text.substr(semicolon + 1);
    const bool as_number = value.size() > 2 && iequals(value.substr(0, 2), "AS");
    record.cidr = as_number ? std::string_view() : value;
    record.asn = as_number ? value : std::string_view();
    record.sblid = as_number ? std::string_view() : trim(rest);
    mapper.map(record, sink);
  });
  return result;
}

}  // namespace

ReadResult read_spamhaus(std::unique_ptr<pipeline::ByteSource> source, pipeline::CandidateSink& sink) {
  const FeedHead head = peek_feed_head(source);
  return head.first == '{' ? read_json_lines(*source, sink) : read_text(*source, sink);
}

}  // namespace tcfeed::connectors::spamhaus
