// The ICU-free IDN path against ICU itself, called as host.cpp calls it (idna_uts46.hpp: UTS #46
// as the URL Standard configures it): every code point the fast path takes, in several label
// shapes, and many random labels, must give ICU's A-label byte for byte.
#include "lib/indicators/idna_fast.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "lib/indicators/idna_uts46.hpp"

namespace tcfeed::indicators {
namespace {

std::string utf8(std::uint32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

// What host.cpp's ICU path appends for one label, or "" when UTS #46 refuses it.
std::string icu_a_label(const std::string& label) {
  std::string out;
  if (append_uts46_to_ascii(label, out) != Reject::None) out.clear();
  return out;
}

// "" when the fast path declines.
std::string fast_a_label(const std::string& label) {
  std::string out = "prefix.";
  if (!append_fast_a_label(label, out)) {
    EXPECT_EQ(out, "prefix.") << "a declined label must leave out alone";
    return {};
  }
  return out.substr(7);
}

TEST(IdnaFast, EveryCodePointItTakesAsIcu) {
  std::size_t taken = 0;
  for (std::uint32_t cp = 0x80; cp <= 0xFFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    if (fast_idna_map(cp) == 0) continue;
    ++taken;
    const std::string c = utf8(cp);
    for (const std::string& label :
         {c, "a" + c, c + "9", "Xn" + c + c + "-b", "a-" + c + "-z", "-" + c, c + "-", "ab--" + c, "XN-" + c}) {
      const std::string fast = fast_a_label(label);
      ASSERT_FALSE(fast.empty()) << "U+" << std::hex << cp << " declined";
      ASSERT_EQ(fast, icu_a_label(label)) << "U+" << std::hex << cp;
    }
  }
  EXPECT_GT(taken, 30000u);  // CJK, Hangul and the small scripts
}

TEST(IdnaFast, RandomLabelsAsIcu) {
  std::vector<std::uint32_t> pool;
  for (std::uint32_t cp = 0x80; cp <= 0xFFFF; ++cp) {
    if ((cp < 0xD800 || cp > 0xDFFF) && fast_idna_map(cp) != 0 && (cp < 0x4E00 || cp % 97 == 0)) pool.push_back(cp);
  }
  const std::string ascii = "abcxyzABCXYZ0189-";
  std::mt19937 random(46);
  std::size_t taken = 0;
  for (int round = 0; round < 50000; ++round) {
    std::string label;
    for (std::size_t i = 0, n = 1 + random() % 24; i < n; ++i) {
      label += random() % 3 == 0 ? std::string(1, ascii[random() % ascii.size()]) : utf8(pool[random() % pool.size()]);
    }
    const std::string fast = fast_a_label(label);
    if (fast.empty()) continue;  // declined: ICU decides
    ++taken;
    ASSERT_EQ(fast, icu_a_label(label)) << label;
  }
  EXPECT_GT(taken, 40000u);
}

TEST(IdnaFast, LeavesTheRestToIcu) {
  for (const char* label : {
           "example",        // no non-ASCII: not an IDN label
           "xn--bcher-kva",  // an A-label is decoded and checked by ICU
           "xn--b\xc3\xbc"
           "cher",            // begins with xn--: UTS #46 must try to decode it
           "XN--\xc3\xbc",    // the same once lower-cased
           "b\xc3\xbc_cher",  // '_': not a letter of the fast path's
           "u\xcc\x88",       // a combining mark: NFC composes it
           "\xc2\xb7",        // U+00B7 MIDDLE DOT: CONTEXTO
           "\xd7\x90",        // Hebrew alef: right-to-left, the Bidi rule
           "\xe2\x84\xa2",    // U+2122 TRADE MARK SIGN: mapped to "tm"
           "\xc4\xb0",        // U+0130: maps to i + U+0307
           "\xef\xbd\x81",    // fullwidth a: mapped
       }) {
    EXPECT_EQ(fast_a_label(label), "") << label;
  }
  std::string long_label;
  for (int i = 0; i < 40; ++i) long_label += "\xc3\xbc";
  EXPECT_EQ(fast_a_label(long_label), "xn--tda" + std::string(39, 'a'));
  for (int i = 40; i < 62; ++i) long_label += "\xc3\xbc";
  EXPECT_EQ(fast_a_label(long_label), "");  // the A-label would pass 63 bytes
  for (int i = 62; i < 70; ++i) long_label += "\xc3\xbc";
  EXPECT_EQ(fast_a_label(long_label), "");  // more code points than any valid label has
}

TEST(IdnaFast, HyphensAnywhere) {
  // CheckHyphens=false: leading, trailing and third-and-fourth hyphens are ICU's answer too.
  for (const char* label : {"-b\xc3\xbc"
                            "cher",
                            "b\xc3\xbc"
                            "cher-",
                            "b\xc3\xbc--cher", "ab--\xc3\xbc", "-\xc3\xbc-"}) {
    const std::string fast = fast_a_label(label);
    EXPECT_FALSE(fast.empty()) << label;
    EXPECT_EQ(fast, icu_a_label(label)) << label;
  }
  EXPECT_EQ(fast_a_label("-\xc3\x9f"), "xn----qfa");
}

TEST(IdnaFast, KnownAnswers) {
  EXPECT_EQ(fast_a_label("b\xc3\xbc"
                         "cher"),
            "xn--bcher-kva");
  EXPECT_EQ(fast_a_label("B\xc3\x9c"
                         "CHER"),
            "xn--bcher-kva");
  EXPECT_EQ(fast_a_label("stra\xc3\x9f"
                         "e"),
            "xn--strae-oqa");
  EXPECT_EQ(fast_a_label("\xd0\xbf\xd1\x80\xd0\xb8\xd0\xbc\xd0\xb5\xd1\x80"), "xn--e1afmkfd");
  EXPECT_EQ(fast_a_label("\xe4\xbe\x8b\xe3\x81\x88"), "xn--r8jz45g");
  EXPECT_EQ(fast_a_label("\xe1\xba\x9e"), "xn--zca");  // U+1E9E maps to U+00DF, not "ss"
}

}  // namespace
}  // namespace tcfeed::indicators
