#include "lib/core/log_escape.hpp"

#include <cstdint>

#include "lib/core/utf8.hpp"

namespace tcfeed {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void append_byte(std::string& out, unsigned char byte) {
  out += "\\x";
  out += kHex[byte >> 4];
  out += kHex[byte & 0xF];
}

// Code points past ASCII that change how a line reads rather than what it says.
bool is_invisible_control(std::uint32_t code) {
  return (code >= 0x80 && code <= 0x9F) ||      // C1: a terminal may take 0x9B as CSI
         code == 0x2028 || code == 0x2029 ||    // line and paragraph separators
         (code >= 0x202A && code <= 0x202E) ||  // bidi embeddings and overrides
         (code >= 0x2066 && code <= 0x2069);    // bidi isolates
}

}  // namespace

void append_log_escaped(std::string& out, std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x20 && byte < 0x7F) {
      const std::size_t start = i;
      while (i < text.size() && static_cast<unsigned char>(text[i]) >= 0x20 &&
             static_cast<unsigned char>(text[i]) < 0x7F)
        ++i;
      out.append(text.data() + start, i - start);
      continue;
    }
    if (byte < 0x80) {
      switch (byte) {
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: append_byte(out, byte);
      }
      ++i;
      continue;
    }
    const Utf8Sequence sequence = utf8_sequence(text, i);
    if (sequence.length == 0) {
      append_byte(out, byte);
      ++i;
      continue;
    }
    if (is_invisible_control(sequence.code)) {
      out += "\\u";
      for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(sequence.code >> shift) & 0xF];
    } else {
      out.append(text.data() + i, sequence.length);
    }
    i += sequence.length;
  }
}

std::string log_escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_log_escaped(out, text);
  return out;
}

}  // namespace tcfeed
