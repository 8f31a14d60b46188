#include "connectors/generic/csv_connector.hpp"

#include <array>
#include <charconv>

#include "connectors/generic/csv_delimiter.hpp"
#include "connectors/skipped_records.hpp"
#include "lib/config/key_words.hpp"
#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::connectors::generic {
namespace {

constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);

// header: where the column names are.
constexpr std::array<config::KeyWord<pipeline::CsvHeader>, 3> kHeaderWords = {
    {{"true", pipeline::CsvHeader::FirstRecord},
     {"false", pipeline::CsvHeader::None},
     {"comment", pipeline::CsvHeader::LastComment}}};
// The csv connector's defaults, read and documented from here.
constexpr pipeline::CsvHeader kDefaultHeader = pipeline::CsvHeader::FirstRecord;
constexpr std::string_view kDefaultComment = "#";
constexpr std::string_view kDefaultDelimiter = ",";

std::size_t resolve(const ColumnRef& column, const pipeline::CsvReader& reader, char delimiter) {
  if (column.number > 0) return static_cast<std::size_t>(column.number - 1);
  if (column.name.empty()) return kAbsent;
  // The reader's header names went through the delimiter trade; so does the name looked up.
  std::string traded;
  const int index =
      reader.column(delimiter == ',' ? std::string_view(column.name) : as_written(column.name, delimiter, traded));
  if (index < 0) {
    throw pipeline::SourceError("CSV: the header has no '" + column.name +
                                "' column; the feed's format changed or the "
                                "config names the wrong column");
  }
  return static_cast<std::size_t>(index);
}

}  // namespace

ColumnRef parse_column(const std::string& text) {
  ColumnRef column;
  int number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (!text.empty() && error == std::errc() && end == text.data() + text.size() && number > 0) {
    column.number = number;
  } else {
    column.name = text;
  }
  return column;
}

ReadFn csv_read_fn(ConfiguredColumns columns, pipeline::CsvOptions options, char delimiter) {
  return [columns, options, delimiter](pipeline::ByteSource& source, GenericMapper& mapper,
                                       pipeline::CandidateSink& sink) {
    DelimiterAsComma traded(source, delimiter);
    pipeline::CsvReader reader(delimiter == ',' ? source : traded, options);
    const std::array<const ColumnRef*, 7> refs = {&columns.value, &columns.type,   &columns.rating, &columns.confidence,
                                                  &columns.tags,  &columns.filter, &columns.id};
    std::array<std::size_t, 7> at{};
    at.fill(kAbsent);
    std::array<std::string, 7> buffers;  // fields as written, when the delimiter is not a comma
    ReadResult result;
    GenericRecord record;
    reader.read(
        [&](std::span<const std::string_view> fields) {
          ++result.records;
          auto field = [&](std::size_t i) {
            if (at[i] >= fields.size()) return std::string_view();
            return delimiter == ',' ? fields[at[i]] : as_written(fields[at[i]], delimiter, buffers[i]);
          };
          record.value = field(0);
          record.type = field(1);
          record.rating = field(2);
          record.confidence = field(3);
          record.tags.clear();
          split_list(field(4), record.tags);
          record.filter = field(5);
          record.id = field(6);
          result.max_id = std::max(result.max_id, mapper.map(record, sink).id);
        },
        [&](const pipeline::CsvReader& header) {
          for (std::size_t i = 0; i < refs.size(); ++i) at[i] = resolve(*refs[i], header, delimiter);
        });
    result.records += report_skipped(reader.stats(), sink);
    return result;
  };
}

}  // namespace tcfeed::connectors::generic

namespace tcfeed::connectors {

pipeline::ConnectorType csv_connector_type() {
  using namespace generic;
  pipeline::ConnectorType type;
  type.name = "csv";
  type.description =
      "Any CSV list, described in YAML: the value's column, the type (fixed or column + type_map), rating, confidence, "
      "tags, a filter; snapshot or incremental by a numeric id column.";
  type.keys = generic_keys("column", "a header name, or a 1-based column number");
  type.keys.push_back({"header", "string", config::word_for(kHeaderWords, kDefaultHeader),
                       "true: the first record names the columns; false: no header (columns by number only); comment: "
                       "the last comment line before the data names them (abuse.ch style)",
                       false});
  type.keys.push_back({"comment", "string", std::string(kDefaultComment),
                       "lines starting with this character are skipped; \"\" for none", false});
  type.keys.push_back({"delimiter", "string", std::string(kDefaultDelimiter),
                       "the field separator: one character, e.g. ';' or '|'; \\t (or a tab in double quotes) for "
                       "tab-separated files. Quoting works as with commas; unquoted whitespace around a field is "
                       "trimmed",
                       false});
  type.create = [](pipeline::ConnectorContext& context) -> std::unique_ptr<pipeline::Connector> {
    auto& keys = context.keys;
    GenericSettings settings = read_generic_settings(context, "column");
    pipeline::CsvOptions options;
    options.header = config::read_word(keys, "header", kHeaderWords, kDefaultHeader);
    const std::string comment = keys.string("comment").value_or(std::string(kDefaultComment));
    if (comment.size() > 1) keys.fail("comment", "expected one character or \"\"");
    options.comment = comment.empty() ? '\0' : comment.front();
    const std::string delimiter_text = keys.string("delimiter").value_or(std::string(kDefaultDelimiter));
    const auto delimiter = parse_delimiter(delimiter_text);
    if (!delimiter) {
      keys.fail("delimiter", "expected one character (e.g. ';' or '|') or \\t for tab, got '" + delimiter_text + "'");
    }
    if (*delimiter == options.comment)
      keys.fail("delimiter", "is also the comment character: set comment to another one or \"\"");

    ConfiguredColumns columns;
    const std::pair<ColumnRef*, std::pair<const std::string*, std::string>> fields[] = {
        {&columns.value, {&settings.value, "value"}},
        {&columns.type, {&settings.type_field, "type_column"}},
        {&columns.rating, {&settings.rating_field, "rating_column"}},
        {&columns.confidence, {&settings.confidence_field, "confidence_column"}},
        {&columns.tags, {&settings.tags_field, "tags_column"}},
        {&columns.filter, {&settings.filter_field, "filter"}},
        {&columns.id, {&settings.id_field, "id_column"}},
    };
    for (const auto& [column, source] : fields) {
      *column = parse_column(*source.first);
      if (!column->name.empty() && options.header == pipeline::CsvHeader::None) {
        keys.fail(source.second,
                  "column '" + column->name + "' is a name, but header is false: use a 1-based column number");
      }
    }
    return make_generic_connector(std::move(settings), csv_read_fn(std::move(columns), options, *delimiter));
  };
  return type;
}

}  // namespace tcfeed::connectors
