#pragma once
// A feed's CSV columns, found by header name (a column the feed adds or moves never breaks a
// reader), and each row seen through them.
#include <cstddef>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

#include "lib/pipeline/format/csv_reader.hpp"

namespace tcfeed::connectors {

struct CsvColumn {
  std::string_view name;
  bool required = true;  // false: a header without it still reads, the column's fields as ""
};

// One row: field(i) is the feed's i-th column, "" when the row is too short for it or the column
// is optional and absent. Views into the reader's record, valid during its callback only.
class CsvRow {
 public:
  CsvRow(std::span<const std::size_t> at, std::size_t width, std::span<const std::string_view> fields)
      : at_(at), width_(width), fields_(fields) {}

  std::string_view field(std::size_t column) const {
    const std::size_t at = at_[column];
    return at < fields_.size() ? fields_[at] : std::string_view();
  }
  // As many fields as the header names: a row with more or fewer is malformed, though a short
  // row's id is still read, so a mapper can tell an old broken row from a new one.
  bool complete() const { return fields_.size() == width_; }

 private:
  std::span<const std::size_t> at_;
  std::size_t width_;
  std::span<const std::string_view> fields_;
};

class CsvColumns {
 public:
  // `feed` and `document` name the source in the error a missing column raises ("URLhaus",
  // "export": "URLhaus CSV: the header has no 'url' column; the export's format changed or this is
  // not a URLhaus export").
  CsvColumns(std::span<const CsvColumn> columns, std::string_view feed, std::string_view document);

  // Finds each column in the header; throws SourceError when a required one is missing.
  void resolve(const pipeline::CsvReader& header);
  CsvRow row(std::span<const std::string_view> fields) const { return CsvRow(at_, width_, fields); }

 private:
  static constexpr std::size_t kAbsent = std::numeric_limits<std::size_t>::max();

  std::span<const CsvColumn> columns_;
  std::string_view feed_;
  std::string_view document_;
  std::vector<std::size_t> at_;  // per column, its index in the header; kAbsent for none
  std::size_t width_ = 0;        // the header's field count
};

}  // namespace tcfeed::connectors
