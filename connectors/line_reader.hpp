#pragma once
// Reading a list a line at a time, for the feeds that are one entry a line (`text`, Spamhaus's
// text form, OpenPhish). The feed is read in chunks; only a line that spans two chunks is copied,
// and a line longer than the limit is skipped whole (its bytes never held) and reported as
// oversized, so a hostile file without newlines cannot take the memory its size allows.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "lib/pipeline/source/byte_source.hpp"

namespace tcfeed::connectors {

struct Line {
  std::string_view text;  // without its '\n' or a '\r' before it; empty when oversized
  // The line ended with '\n'. Only the last line of a file can be unterminated: a list whose last
  // entry has no newline was most likely cut off there (docs/feeds.md, Shared rules).
  bool terminated = true;
  bool oversized = false;  // longer than max_line_bytes: skipped
};

struct LineOptions {
  std::size_t max_line_bytes = 0;  // 0: no limit
  std::size_t chunk_bytes = 64 * 1024;
};

// Hands every line of `source` to `on_line(const Line&)`, the first without a UTF-8 byte order
// mark. Throws what the source throws.
template <typename OnLine>
void read_lines(pipeline::ByteSource& source, const LineOptions& options, OnLine on_line) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  std::vector<char> chunk(options.chunk_bytes == 0 ? 1 : options.chunk_bytes);
  std::string carried;    // the start of a line the previous chunk ended inside
  bool skipping = false;  // inside a line already over the limit
  bool first = true;
  const auto over = [&](std::size_t size) { return options.max_line_bytes != 0 && size > options.max_line_bytes; };
  const auto deliver = [&](std::string_view text, bool terminated, bool oversized) {
    // Checked on the whole first line, so a BOM split between two reads is still found.
    if (first && text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
    first = false;
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    on_line(Line{text, terminated, oversized});
  };
  while (const std::size_t count = source.read(chunk.data(), chunk.size())) {
    std::string_view rest(chunk.data(), count);
    for (auto end = rest.find('\n'); end != std::string_view::npos; end = rest.find('\n')) {
      if (skipping || over(carried.size() + end)) {
        deliver({}, true, true);
      } else if (carried.empty()) {
        deliver(rest.substr(0, end), true, false);
      } else {
        deliver(carried.append(rest.substr(0, end)), true, false);
      }
      skipping = false;
      carried.clear();
      rest.remove_prefix(end + 1);
    }
    if (skipping) continue;  // the rest of this chunk is more of the oversized line
    if (over(carried.size() + rest.size())) {
      skipping = true;
      carried.clear();
    } else {
      carried.append(rest);
    }
  }
  if (skipping) {
    deliver({}, false, true);
  } else if (!carried.empty()) {
    deliver(carried, false, false);
  }
}

}  // namespace tcfeed::connectors
