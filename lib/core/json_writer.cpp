#include "lib/core/json_writer.hpp"

#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "lib/core/utf8.hpp"

namespace tcfeed {
namespace {

// Bytes that go into a JSON string literal as they are: printable ASCII but '"' and '\\'.
constexpr std::array<bool, 256> kVerbatim = [] {
  std::array<bool, 256> table{};
  for (int c = 0x20; c < 0x7F; ++c) table[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
  return table;
}();

// How many bytes from the start of `text` go in verbatim. Sixteen at a time where SSE2 is there
// (every x86-64): a URL is mostly such bytes and this runs on every string of every indicator.
std::size_t verbatim_prefix(std::string_view text) {
  std::size_t i = 0;
#if defined(__SSE2__)
  // One bit per byte of the sixteen at `at`, set where the byte goes in verbatim. As signed bytes
  // 0x80..0xFF are negative, so "greater than 0x1F" is exactly 0x20..0x7F.
  const auto verbatim_bits = [&text](std::size_t at) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at));
    const __m128i special = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(0x7F)), _mm_cmpeq_epi8(bytes, _mm_set1_epi8('"'))),
        _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\')));
    const __m128i plain = _mm_andnot_si128(special, _mm_cmpgt_epi8(bytes, _mm_set1_epi8(0x1F)));
    return static_cast<unsigned>(_mm_movemask_epi8(plain));
  };
  for (; i + 16 <= text.size(); i += 16) {
    const unsigned bits = verbatim_bits(i);
    if (bits != 0xFFFF) return i + static_cast<std::size_t>(std::countr_one(bits));
  }
  if (i < text.size() && text.size() >= 16) {
    // The last sixteen bytes in one load, overlapping bytes already found verbatim, rather than
    // up to fifteen one at a time: the first byte that is not lies at `i` or after.
    const std::size_t last = text.size() - 16;
    return last + static_cast<std::size_t>(std::countr_one(verbatim_bits(last)));
  }
#endif
  while (i < text.size() && kVerbatim[static_cast<unsigned char>(text[i])]) ++i;
  return i;
}

}  // namespace

void JsonWriter::append_string(std::string& out, std::string_view text, char separator) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::size_t i = verbatim_prefix(text);
  if (i == text.size()) {
    // Indicator values and tags are mostly plain ASCII: separator and literal in one piece.
    const std::size_t comma = separator != '\0' ? 1 : 0;
    char* piece = grow(out, comma + text.size() + 2);
    piece[0] = separator;  // overwritten by the quote when there is no separator
    piece[comma] = '"';
    std::memcpy(piece + comma + 1, text.data(), text.size());
    piece[comma + text.size() + 1] = '"';
    return;
  }
  if (separator != '\0') out += separator;
  out += '"';
  out.append(text.data(), i);
  while (i < text.size()) {
    // Copy each verbatim run in one append, then deal with the byte or UTF-8 sequence that ended it.
    const std::size_t run = verbatim_prefix(text.substr(i));
    out.append(text.data() + i, run);
    i += run;
    if (i == text.size()) break;
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const std::size_t length = utf8_sequence(text, i).length;
      if (length == 0) {
        out += "\xEF\xBF\xBD";
        ++i;
      } else {
        out.append(text.substr(i, length));
        i += length;
      }
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  out += '"';
}

bool JsonWriter::is_verbatim(std::string_view text) { return verbatim_prefix(text) == text.size(); }

JsonWriter& JsonWriter::value(std::int64_t number) {
  // Separator and digits in one piece: rating and confidence are in every indicator.
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, number);
  const auto length = static_cast<std::size_t>(result.ptr - digits);
  const std::size_t comma = first_ ? 0 : 1;
  char* piece = grow(out_, comma + length);
  piece[0] = ',';
  for (std::size_t i = 0; i < length; ++i) piece[comma + i] = digits[i];
  first_ = false;
  return *this;
}

namespace {

// Writes `"name":` at `piece` and returns the position after it.
char* put_key(char* piece, std::string_view name) {
  *piece++ = '"';
  std::memcpy(piece, name.data(), name.size());
  piece += name.size();
  *piece++ = '"';
  *piece++ = ':';
  return piece;
}

}  // namespace

JsonWriter& JsonWriter::member(JsonName name, std::string_view text) {
  if (verbatim_prefix(text) != text.size()) return key(name).value(text);  // escaping: the long way
  const std::size_t comma = first_ ? 0 : 1;
  char* piece = grow(out_, comma + name.text().size() + 3 + text.size() + 2);
  *piece = ',';
  piece = put_key(piece + comma, name.text());
  *piece++ = '"';
  std::memcpy(piece, text.data(), text.size());
  piece[text.size()] = '"';
  first_ = false;
  return *this;
}

JsonWriter& JsonWriter::member(JsonName name, std::int64_t number) {
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, number);
  const auto length = static_cast<std::size_t>(result.ptr - digits);
  const std::size_t comma = first_ ? 0 : 1;
  char* piece = grow(out_, comma + name.text().size() + 3 + length);
  *piece = ',';
  piece = put_key(piece + comma, name.text());
  for (std::size_t i = 0; i < length; ++i) piece[i] = digits[i];
  first_ = false;
  return *this;
}

JsonWriter& JsonWriter::value(double number) {
  separate();
  if (!std::isfinite(number)) {
    out_ += "null";
    return *this;
  }
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, number);
  out_.append(buffer, result.ptr);
  return *this;
}

}  // namespace tcfeed
