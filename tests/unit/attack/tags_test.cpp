#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "lib/indicators/tags.hpp"

namespace tcfeed::indicators {
namespace {

struct CleanCase {
  std::string_view raw;
  std::string_view expected;
};

TEST(CleanTagTest, Table) {
  const CleanCase cases[] = {
      {"botnet", "botnet"},
      {"  botnet  ", "botnet"},
      {"Cobalt   Strike", "Cobalt Strike"},
      {"\tCobalt\t\n Strike\r\n", "Cobalt Strike"},
      {"a\fb\vc", "a b c"},
      {"Ransomware für Mac", "Ransomware für Mac"},
      {"", ""},
      {" \t\n ", ""},
      {std::string_view("bot\0net", 7), ""},
      {"bot\x1bnet", ""},      // ESC
      {"bot\x7fnet", ""},      // DEL
      {"bot\xc2\x85net", ""},  // U+0085 NEL, a C1 control
      {"bot\xc3(net", ""},     // invalid UTF-8
      {"\xc0\xaf", ""},        // overlong '/'
      {"\xed\xa0\x80", ""},    // surrogate
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.raw));
    EXPECT_EQ(clean_tag(c.raw), c.expected);
  }
}

TEST(CleanTagTest, TruncatesOnUtf8Boundary) {
  // 127 ASCII bytes then 'é' (2 bytes) straddles the limit: the whole character goes.
  const std::string straddling = std::string(127, 'a') + "\xc3\xa9" + std::string(71, 'b');
  ASSERT_EQ(straddling.size(), 200U);
  EXPECT_EQ(clean_tag(straddling), std::string(127, 'a'));

  // 200 bytes of 4-byte characters: 32 of them fill exactly 128 bytes.
  std::string emoji;
  for (int i = 0; i < 50; ++i) emoji += "\xf0\x9f\x90\x8d";
  ASSERT_EQ(emoji.size(), 200U);
  EXPECT_EQ(clean_tag(emoji), emoji.substr(0, 128));

  // 3-byte characters: 42 of them are 126 bytes, the 43rd would end at 129.
  std::string cjk;
  for (int i = 0; i < 67; ++i) cjk += "\xe6\xbc\xa2";
  const std::string cleaned = clean_tag(cjk);
  EXPECT_EQ(cleaned.size(), 126U);
  EXPECT_EQ(cleaned, cjk.substr(0, 126));

  EXPECT_EQ(clean_tag(std::string(128, 'x')), std::string(128, 'x'));
  EXPECT_EQ(clean_tag(std::string(200, 'x')), std::string(128, 'x'));
  // Collapsing happens before the limit is applied, and a cut never leaves a trailing space.
  EXPECT_EQ(clean_tag(std::string(127, 'x') + "     y"), std::string(127, 'x'));
  EXPECT_EQ(clean_tag(std::string(100, 'x') + std::string(100, ' ') + "yy"), std::string(100, 'x') + " yy");
}

// What cleaning takes from a feed's text is reported, so the stream can count it (issue: dropped
// and cut tags showed as "0 rejected"). Whitespace tidying loses nothing and reports nothing.
TEST(CleanTagTest, SaysWhatCleaningTook) {
  const std::pair<std::string, Reject> cases[] = {
      {"botnet", Reject::None},
      {"  Cobalt \t Strike ", Reject::None},
      {std::string(128, 'x'), Reject::None},
      {std::string("bot\0net", 7), Reject::ControlCharacter},
      {"bot\x1bnet", Reject::ControlCharacter},
      {"bot\xc2\x85net", Reject::ControlCharacter},
      {"bot\xc3(net", Reject::InvalidUtf8},
      {std::string(300, 'x'), Reject::TooLong},
      {std::string(127, 'x') + "     y", Reject::TooLong},
  };
  for (const auto& [raw, expected] : cases) {
    SCOPED_TRACE(raw.substr(0, 20));
    Reject loss = Reject::HostHyphen;  // overwritten every time
    std::string out;
    clean_tag_into(raw, out, &loss);
    EXPECT_EQ(loss, expected);
    std::string scratch;
    loss = Reject::HostHyphen;
    clean_tag(raw, scratch, &loss);  // the no-copy form says the same
    EXPECT_EQ(loss, expected);
  }
}

TEST(AddTagTest, DedupesAndStripsNames) {
  const std::vector<std::string> stripped{"abuse.ch", "URLhaus"};
  std::vector<std::string> tags;
  struct Step {
    std::string_view raw;
    bool added;
  };
  const Step steps[] = {
      {"botnet", true},
      {"  BotNet ", false},  // case-insensitive duplicate
      {"Cobalt Strike", true},
      {"cobalt\tstrike", false},  // duplicate once cleaned
      {"urlhaus", false},         // the feed's own name
      {" ABUSE.CH ", false},
      {"abuse.ch-malware", true},  // only the exact name is stripped
      {"", false},
      {"bad\x01tag", false},
      {"Emotet", true},
  };
  for (const auto& step : steps) {
    SCOPED_TRACE(std::string(step.raw));
    EXPECT_EQ(add_tag(tags, step.raw, stripped), step.added);
  }
  EXPECT_EQ(tags, (std::vector<std::string>{"botnet", "Cobalt Strike", "abuse.ch-malware", "Emotet"}));
}

TEST(AddTagTest, NoStrippedNames) {
  std::vector<std::string> tags;
  EXPECT_TRUE(add_tag(tags, "URLhaus", {}));
  EXPECT_FALSE(add_tag(tags, "urlhaus", {}));
  EXPECT_EQ(tags.size(), 1U);
}

}  // namespace
}  // namespace tcfeed::indicators
