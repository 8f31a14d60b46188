#include "connectors/generic/csv_delimiter.hpp"

namespace tcfeed::connectors::generic {

std::optional<char> parse_delimiter(std::string_view text) {
  if (text == "\\t") return '\t';
  if (text.size() != 1) return std::nullopt;
  const char c = text.front();
  if (c == '\t' || (c >= ' ' && c <= '~' && c != '"')) return c;
  return std::nullopt;
}

void trade_with_comma(char* data, std::size_t size, char delimiter) {
  for (std::size_t i = 0; i < size; ++i) {
    if (data[i] == delimiter) {
      data[i] = ',';
    } else if (data[i] == ',') {
      data[i] = delimiter;
    }
  }
}

std::size_t DelimiterAsComma::read(char* buffer, std::size_t size) {
  const std::size_t count = source_.read(buffer, size);
  trade_with_comma(buffer, count, delimiter_);
  return count;
}

std::string_view as_written(std::string_view field, char delimiter, std::string& buffer) {
  buffer.assign(field);
  trade_with_comma(buffer.data(), buffer.size(), delimiter);
  return buffer;
}

}  // namespace tcfeed::connectors::generic
