#pragma once
// Decoding one UTF-8 sequence strictly, for the writers that must tell valid text from stray bytes
// (JSON string literals, log lines).
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace tcfeed {

struct Utf8Sequence {
  std::size_t length = 0;  // 0: the bytes at the position are not a valid sequence
  std::uint32_t code = 0;  // the code point when length > 0
};

// The valid UTF-8 sequence starting at text[i] (i < text.size()). Overlong forms, surrogates, code
// points past U+10FFFF and sequences cut short are invalid.
inline Utf8Sequence utf8_sequence(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return {1, lead};
  std::size_t length = 0;
  std::uint32_t code = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code = lead & 0x1Fu;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code = lead & 0x0Fu;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code = lead & 0x07u;
  } else {
    return {};
  }
  if (i + length > text.size()) return {};
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0u) != 0x80u) return {};
    code = (code << 6) | (byte(i + k) & 0x3Fu);
  }
  if (length == 3 && (code < 0x800 || (code >= 0xD800 && code <= 0xDFFF))) return {};
  if (length == 4 && (code < 0x10000 || code > 0x10FFFF)) return {};
  return {length, code};
}

}  // namespace tcfeed
