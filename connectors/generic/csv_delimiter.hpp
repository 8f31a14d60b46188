#pragma once
// The `csv` connector's `delimiter`. The CSV reader speaks commas, so another delimiter and the
// comma trade places byte for byte on the way in, and every field read trades them back. The
// trade is a bijection that leaves quotes, comments and line ends alone, so quoting, embedded
// line breaks and `#` comments work exactly as in a comma file. One consequence carries over
// from the reader: unquoted whitespace around a field is trimmed, so with a tab delimiter a comma
// at the very start or end of an unquoted field is trimmed too (a comma inside a field stays).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "lib/pipeline/source/byte_source.hpp"

namespace tcfeed::connectors::generic {

// The configured text → the delimiter: one printable ASCII character or a tab (also written as
// the two characters `\t`). nullopt for anything else, and for '"' (the quote).
std::optional<char> parse_delimiter(std::string_view text);

// Swaps `delimiter` and ',' in place.
void trade_with_comma(char* data, std::size_t size, char delimiter);

// A source whose bytes come out with `delimiter` and ',' traded.
class DelimiterAsComma final : public pipeline::ByteSource {
 public:
  DelimiterAsComma(pipeline::ByteSource& source, char delimiter) : source_(source), delimiter_(delimiter) {}
  std::size_t read(char* buffer, std::size_t size) override;

 private:
  pipeline::ByteSource& source_;
  char delimiter_;
};

// A field (or header name) as the feed wrote it: the trade undone into `buffer`.
std::string_view as_written(std::string_view field, char delimiter, std::string& buffer);

}  // namespace tcfeed::connectors::generic
