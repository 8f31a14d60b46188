// needs_refang() looks only where a pattern can start, sixteen bytes at a time with an overlapping
// last block: it must still answer exactly "would refang() change this", for any length and any
// place a pattern sits, blocks' edges included.
#include "lib/indicators/refang.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace tcfeed::indicators {
namespace {

TEST(NeedsRefang, SameAnswerAsRefangingAndComparing) {
  const std::vector<std::string> pieces = {
      "a", "b",       "/",        ".",   "h",   "H",   "x",   "X",   "p",       "[",  "]",  "(",      ")",       ":",
      "@", "hxxp://", "hXXps://", "[.]", "(.)", "[:]", "[@]", "hxx", "http://", "[.", "(.", "hxxp:/", "\xc3\xbc"};
  std::mt19937 random(1);
  std::string refanged;
  for (int round = 0; round < 200000; ++round) {
    std::string text;
    // Mostly plain bytes, so a single pattern lands at every offset of every block.
    const std::size_t length = random() % 70;
    while (text.size() < length)
      text += random() % 8 == 0 ? pieces[random() % pieces.size()] : std::string(1, 'a' + random() % 26);
    refang(text, refanged);
    ASSERT_EQ(needs_refang(text), refanged != text) << text;
  }
}

TEST(NeedsRefang, PatternAtEveryOffset) {
  for (const std::string pattern : {"[.]", "(.)", "[:]", "[@]", "hxxp://", "HXXPS://"}) {
    for (std::size_t length = pattern.size(); length < 60; ++length) {
      for (std::size_t at = 0; at + pattern.size() <= length; ++at) {
        std::string text(length, 'h');  // 'h' everywhere: candidates that are not patterns
        text.replace(at, pattern.size(), pattern);
        ASSERT_TRUE(needs_refang(text)) << text;
      }
      ASSERT_FALSE(needs_refang(std::string(length, 'h'))) << length;
    }
  }
}

}  // namespace
}  // namespace tcfeed::indicators
