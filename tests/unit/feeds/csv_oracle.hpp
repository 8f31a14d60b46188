#pragma once
// Runs CsvScanner and libcsv (its oracle, docs/architecture.md, Dependencies) over the same bytes,
// cut into the same chunks, and tells the first difference in what they report: every field's
// bytes, every record end with its terminator, and the parser state after every chunk. No
// GoogleTest here: the unit test and the fuzz target (tests/fuzz/csv_scanner_fuzz.cpp) share it.
#include <csv.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "lib/pipeline/format/csv_scanner.hpp"

namespace tcfeed::testing_support {

// One line per event: "F <bytes>", "R <terminator>", "S <state>".
class CsvTrace {
 public:
  void field(std::string_view data) {
    text_ += "F ";
    text_.append(data);
    text_ += '\n';
  }
  void record_end(int terminator) { text_ += "R " + std::to_string(terminator) + "\n"; }
  void state(int value) { text_ += "S " + std::to_string(value) + "\n"; }
  const std::string& text() const { return text_; }

  static void libcsv_field(void* data, std::size_t size, void* self) {
    static_cast<CsvTrace*>(self)->field(std::string_view(static_cast<const char*>(data), size));
  }
  static void libcsv_record(int terminator, void* self) { static_cast<CsvTrace*>(self)->record_end(terminator); }

 private:
  std::string text_;
};

// "" when both agree. `chunks` are the chunk sizes, used in turn (empty: the whole text at once);
// after the chunk that reaches offset `reset_at`, both parsers are reset as CsvReader does when it
// drops an oversized record.
inline std::string libcsv_difference(std::string_view text, const std::vector<std::size_t>& chunks,
                                     std::size_t reset_at = std::string_view::npos) {
  CsvTrace expected;
  CsvTrace actual;
  csv_parser parser{};
  csv_init(&parser, 0);
  pipeline::CsvScanner scanner;
  std::size_t pos = 0;
  std::size_t turn = 0;
  bool reset_done = false;
  while (pos < text.size()) {
    const std::size_t size = chunks.empty() ? text.size() : std::max<std::size_t>(1, chunks[turn++ % chunks.size()]);
    const std::size_t count = std::min(size, text.size() - pos);
    if (csv_parse(&parser, text.data() + pos, count, &CsvTrace::libcsv_field, &CsvTrace::libcsv_record, &expected) !=
        count) {
      csv_free(&parser);
      return "libcsv failed: " + std::string(csv_strerror(csv_error(&parser)));
    }
    scanner.parse(text.data() + pos, count, actual);
    pos += count;
    expected.state(parser.pstate);
    actual.state(static_cast<int>(scanner.state()));
    if (!reset_done && pos >= reset_at) {
      reset_done = true;
      csv_free(&parser);
      csv_init(&parser, 0);
      scanner.reset();
    }
  }
  csv_fini(&parser, &CsvTrace::libcsv_field, &CsvTrace::libcsv_record, &expected);
  csv_free(&parser);
  scanner.finish(actual);
  expected.state(parser.pstate);
  actual.state(static_cast<int>(scanner.state()));
  if (expected.text() == actual.text()) return {};
  const auto mismatch =
      std::mismatch(expected.text().begin(), expected.text().end(), actual.text().begin(), actual.text().end());
  const auto at = static_cast<std::size_t>(mismatch.first - expected.text().begin());
  const std::size_t from = expected.text().rfind('\n', at == 0 ? 0 : at - 1);
  const std::size_t start = from == std::string::npos ? 0 : from + 1;
  return "libcsv: ...\n" + expected.text().substr(start, 120) + "\nscanner: ...\n" + actual.text().substr(start, 120);
}

}  // namespace tcfeed::testing_support
