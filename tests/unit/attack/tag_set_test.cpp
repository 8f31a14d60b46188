// The allocation-free tag helpers against the std::string ones they must match: clean_tag() into
// a view, and TagSet against add_tag() over random tag sequences.
#include "lib/indicators/tag_set.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "lib/indicators/tags.hpp"

namespace tcfeed::indicators {
namespace {

std::string random_tag(std::mt19937& random) {
  static const std::vector<std::string> pieces = {"elf",      "Mirai",      "MIRAI",  "mirai",  " ",      "  ",
                                                  "\t",       "\n",         "exe",    "Cobalt", "Strike", "urlhaus",
                                                  "abuse.ch", "f\xc3\xbcr", "\x01",   "\x7f",   "\xc3",   "\xc2\x85",
                                                  "-",        "_",          "32-bit", "None",   ""};
  std::string tag;
  for (std::size_t i = random() % 5; i > 0; --i) tag += pieces[random() % pieces.size()];
  if (random() % 20 == 0) tag += std::string(120 + random() % 20, 'x');
  return tag;
}

TEST(CleanTagView, SameAsTheStringForm) {
  std::mt19937 random(128);
  std::string scratch;
  for (int round = 0; round < 100000; ++round) {
    const std::string raw = random_tag(random);
    ASSERT_EQ(clean_tag(raw, scratch), clean_tag(raw)) << raw;
  }
  EXPECT_EQ(clean_tag(" botnet ", scratch).data()[0], 'b');  // a view into the input, no copy
}

TEST(TagSet, SameAsAddTag) {
  const std::vector<std::string> stripped = {"abuse.ch", " URLhaus "};
  std::mt19937 random(6);
  TagSet set;
  for (int round = 0; round < 20000; ++round) {
    set.clear();
    std::vector<std::string> expected;
    std::vector<std::string> raws;  // the views in `set` point into these
    for (std::size_t i = random() % 8; i > 0; --i) raws.push_back(random_tag(random));
    for (const auto& raw : raws) {
      ASSERT_EQ(set.add(raw, stripped), add_tag(expected, raw, stripped)) << raw;
    }
    ASSERT_EQ(set.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) ASSERT_EQ(set[i], expected[i]);
  }
}

TEST(TagSet, KeepsCleanedTagsWhileItGrows) {
  TagSet set;
  std::vector<std::string> raws;
  for (int i = 0; i < 100; ++i) raws.push_back("tag\t\t" + std::to_string(i));  // each one cleaned into the set
  for (const auto& raw : raws) EXPECT_TRUE(set.add(raw, {}));
  ASSERT_EQ(set.size(), 100u);
  EXPECT_EQ(set[0], "tag 0");
  EXPECT_EQ(set[99], "tag 99");
}

}  // namespace
}  // namespace tcfeed::indicators
