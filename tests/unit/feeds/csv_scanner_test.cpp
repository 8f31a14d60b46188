// CsvScanner against libcsv, its oracle (docs/architecture.md, Dependencies): the same bytes, cut
// into the same chunks, must give the same fields, the same record ends and the same state after
// every chunk — on the feed fixtures, on the fuzz corpora and on random text made of the bytes CSV
// cares about.
#include "lib/pipeline/format/csv_scanner.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "tests/unit/feeds/csv_oracle.hpp"

namespace tcfeed::pipeline {
namespace {

void compare_with_libcsv(std::string_view text, const std::vector<std::size_t>& chunks,
                         std::size_t reset_at = std::string_view::npos) {
  EXPECT_EQ(testing_support::libcsv_difference(text, chunks, reset_at), "");
}

std::filesystem::path source_dir() {
  const char* dir = std::getenv("TCFEED_SOURCE_DIR");
  return dir != nullptr ? dir : ".";
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(CsvScanner, QuirksAsLibcsvHasThem) {
  // Each a corner of libcsv's state machine: trimming, quotes after a closing quote, quote runs,
  // CR alone, a quoted field left open, a field ended by end of input.
  const char* const cases[] = {
      "a,b\n",
      "  a  ,  b  \n",
      "\"a\" ,b\n",
      "\"a\"  \"b\",c\n",
      "\"a\" \" \",c\n",
      "\"a\"b\"c\",d\n",
      "\"\"\"\"\n",
      "\"a\"\"\n",
      "a\"b,c\n",
      "a\rb\r\nc\n",
      ",,\n",
      "\n\n,\n",
      " \t \n",
      "\"open, never\nclosed",
      "x,\"y\" ",
      "x, ",
      "\"q\"\"",
      "\"q\" ",
      "a,\"b\"\t\t\r",
      "\t\"a\"\t,\t\"b\"\t",
      "\"\",\"\"",
      "a b c,  d e  \n",
      "\"a\"\r\n\"b\"\n",
  };
  for (const char* text : cases) {
    SCOPED_TRACE(text);
    for (std::size_t chunk = 1; chunk <= 4; ++chunk) compare_with_libcsv(text, {chunk});
    compare_with_libcsv(text, {});
  }
}

TEST(CsvScanner, FeedFixturesAndFuzzCorpora) {
  std::size_t files = 0;
  for (const char* dir : {"tests/fixtures", "tests/fuzz/corpus"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(source_dir() / dir)) {
      if (!entry.is_regular_file()) continue;
      SCOPED_TRACE(entry.path().string());
      const std::string text = read_file(entry.path());
      compare_with_libcsv(text, {});
      compare_with_libcsv(text, {1});
      compare_with_libcsv(text, {7, 64, 3});
      ++files;
    }
  }
  EXPECT_GT(files, 30u);
}

TEST(CsvScanner, RandomTextRandomChunks) {
  // Mostly the bytes the state machine branches on, so every transition is taken many times.
  const std::string alphabet = std::string("\"\",,  \t\r\n\nab#x") + '\0' + "\xff\xc3\xa9";
  std::mt19937 random(20261130);
  for (int round = 0; round < 20000; ++round) {
    std::string text(random() % 40, ' ');
    for (auto& c : text) c = alphabet[random() % alphabet.size()];
    std::vector<std::size_t> chunks;
    for (std::size_t i = random() % 4; i > 0; --i) chunks.push_back(1 + random() % 9);
    SCOPED_TRACE(testing::PrintToString(text));
    compare_with_libcsv(text, chunks, round % 5 == 0 ? random() % 12 : std::string_view::npos);
    if (HasFailure()) return;
  }
}

TEST(CsvScanner, LongFieldsCrossManyChunks) {
  std::mt19937 random(7);
  for (int round = 0; round < 200; ++round) {
    std::string text;
    for (int field = 0; field < 20; ++field) {
      const bool quoted = random() % 2 == 0;
      std::string value(random() % 300, 'v');
      for (auto& c : value) c = "ab ,\n\"x"[random() % (quoted ? 7 : 3)];
      if (quoted) {
        std::string escaped;
        for (char c : value) escaped += c == '"' ? std::string("\"\"") : std::string(1, c);
        value = "\"" + escaped + "\"";
      }
      text += value + (field % 5 == 4 ? "\r\n" : ",");
    }
    compare_with_libcsv(text, {1 + random() % 100, 1 + random() % 100});
    if (HasFailure()) return;
  }
}

}  // namespace
}  // namespace tcfeed::pipeline
