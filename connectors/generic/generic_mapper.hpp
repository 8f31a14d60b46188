#pragma once
// The operator-configured `csv` and `json` connectors' mapping: one record, its fields already
// picked out by the reader (column or JSON path), → at most one indicator candidate. Pure: no I/O,
// no clock; the config decides which field is what.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "lib/pipeline/connector/connector.hpp"

namespace tcfeed::connectors::generic {

// One record's configured fields, as views into the record being read ("" when absent).
struct GenericRecord {
  std::string_view value;
  std::string_view type;  // the feed's own type word, when the type comes from the record
  std::string_view rating;
  std::string_view confidence;
  std::vector<std::string_view> tags;
  std::string_view filter;  // the field the filter tests
  std::string_view id;      // incremental mode's numeric id
};

struct TypeWord {
  std::string word;  // compared case-insensitively, trimmed
  indicators::IndicatorType type;
};

enum class FilterKind { None, Equals, Matches };

struct GenericMapOptions {
  std::optional<indicators::IndicatorType> fixed_type;  // else the record's type word via type_map
  std::vector<TypeWord> type_map;
  FilterKind filter = FilterKind::None;
  std::string equals;                         // exact, after trimming the field
  std::shared_ptr<const std::regex> matches;  // std::regex_search over the trimmed field
  bool incremental = false;
  std::int64_t after_id = 0;  // incremental: ids at or below it were read before
};

enum class Verdict { Mapped, Old, Filtered, Unmapped };

struct MapResult {
  Verdict verdict = Verdict::Unmapped;
  std::int64_t id = 0;  // incremental: the record's id, 0 when it has none
};

class GenericMapper {
 public:
  explicit GenericMapper(GenericMapOptions options) : options_(std::move(options)) {}

  // Old (id at or below the cursor) and Filtered records are skipped silently; the others that
  // yield nothing go to sink.unmapped: "missing value", "missing id", "unmapped type".
  MapResult map(const GenericRecord& record, pipeline::CandidateSink& sink);

  // Type words with no type_map entry and how often they came (at most kMaxWords distinct words,
  // so a hostile feed cannot grow it).
  const std::map<std::string, std::size_t, std::less<>>& unmapped_words() const { return unmapped_words_; }
  static constexpr std::size_t kMaxWords = 64;

 private:
  std::optional<indicators::IndicatorType> type_of(std::string_view word);

  GenericMapOptions options_;
  pipeline::Candidate candidate_;
  std::map<std::string, std::size_t, std::less<>> unmapped_words_;
};

// "a, b,c" → {"a", "b", "c"}: trimmed, empty entries dropped; appends to `out`.
void split_list(std::string_view field, std::vector<std::string_view>& out);

// A whole number, or a decimal rounded to the nearest one; nullopt for anything else.
std::optional<int> parse_number(std::string_view text);

}  // namespace tcfeed::connectors::generic
