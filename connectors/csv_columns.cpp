#include "connectors/csv_columns.hpp"

#include <string>

#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::connectors {

CsvColumns::CsvColumns(std::span<const CsvColumn> columns, std::string_view feed, std::string_view document)
    : columns_(columns), feed_(feed), document_(document), at_(columns.size(), kAbsent) {}

void CsvColumns::resolve(const pipeline::CsvReader& header) {
  width_ = header.header().size();
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const int index = header.column(columns_[i].name);
    if (index >= 0) {
      at_[i] = static_cast<std::size_t>(index);
    } else if (columns_[i].required) {
      // A loud error: the feed changed its format, and a reader guessing would map the wrong fields.
      throw pipeline::SourceError(std::string(feed_) + " CSV: the header has no '" + std::string(columns_[i].name) +
                                  "' column; the " + std::string(document_) + "'s format changed or this is not a " +
                                  std::string(feed_) + " " + std::string(document_));
    }
  }
}

}  // namespace tcfeed::connectors
