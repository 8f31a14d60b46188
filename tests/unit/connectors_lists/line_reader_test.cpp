// The line reader the one-entry-a-line feeds share: lines whole across chunk boundaries, a BOM and
// '\r' dropped, an unterminated last line marked, an oversized line skipped without being held.
#include "connectors/line_reader.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tcfeed::connectors {
namespace {

std::vector<std::string> lines_of(const std::string& text, std::size_t chunk, std::size_t max_line = 0) {
  pipeline::StringSource source(text);
  LineOptions options;
  options.chunk_bytes = chunk;
  options.max_line_bytes = max_line;
  std::vector<std::string> out;
  read_lines(source, options, [&](const Line& line) {
    out.push_back(line.oversized ? "<oversized>" : std::string(line.text));
    if (!line.terminated) out.back() += "<cut>";
  });
  return out;
}

TEST(LineReader, TheSameLinesWhateverTheChunkSize) {
  const std::string text = "\xEF\xBB\xBFone\r\ntwo\n\nthree\r\nfour";
  const std::vector<std::string> expected = {"one", "two", "", "three", "four<cut>"};
  for (std::size_t chunk : {1u, 2u, 3u, 5u, 64u}) EXPECT_EQ(lines_of(text, chunk), expected) << "chunk " << chunk;
  EXPECT_EQ(lines_of("a\n", 1), (std::vector<std::string>{"a"}));
  EXPECT_TRUE(lines_of("", 4).empty());
}

TEST(LineReader, AnOversizedLineIsSkippedWhole) {
  for (std::size_t chunk : {1u, 3u, 64u}) {
    EXPECT_EQ(lines_of("abc\nabcdefgh\nxy\nabcdefghij", chunk, 4),
              (std::vector<std::string>{"abc", "<oversized>", "xy", "<oversized><cut>"}))
        << "chunk " << chunk;
    EXPECT_EQ(lines_of("abcd\nabcde\n", chunk, 4), (std::vector<std::string>{"abcd", "<oversized>"})) << chunk;
  }
}

}  // namespace
}  // namespace tcfeed::connectors
