// The libidn2-free IDN path against libidn2 itself, called as host.cpp calls it (UTS #46
// non-transitional, NFC input): every code point the fast path takes, in several label shapes, and
// many random labels, must give libidn2's A-label byte for byte.
#include "lib/indicators/idna_fast.hpp"

#include <gtest/gtest.h>
#include <idn2.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "lib/indicators/text.hpp"

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

// What host.cpp's libidn2 path appends for one label, or "" when libidn2 refuses it.
std::string libidn2_a_label(const std::string& label) {
  char* ascii = nullptr;
  const int rc = idn2_to_ascii_8z(label.c_str(), &ascii, IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT);
  std::string out;
  if (rc == IDN2_OK) {
    for (const char* p = ascii; *p != '\0'; ++p) out += text::to_lower(*p);
  }
  idn2_free(ascii);
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

TEST(IdnaFast, EveryCodePointItTakesAsLibidn2) {
  std::size_t taken = 0;
  for (std::uint32_t cp = 0x80; cp <= 0xFFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    if (fast_idna_map(cp) == 0) continue;
    ++taken;
    const std::string c = utf8(cp);
    for (const std::string& label : {c, "a" + c, c + "9", "Xn" + c + c + "-b", "a-" + c + "-z"}) {
      const std::string fast = fast_a_label(label);
      ASSERT_FALSE(fast.empty()) << "U+" << std::hex << cp << " declined";
      ASSERT_EQ(fast, libidn2_a_label(label)) << "U+" << std::hex << cp;
    }
  }
  EXPECT_GT(taken, 30000u);  // CJK, Hangul and the small scripts
}

TEST(IdnaFast, RandomLabelsAsLibidn2) {
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
    if (fast.empty()) continue;  // declined: libidn2 decides, as before
    ++taken;
    ASSERT_EQ(fast, libidn2_a_label(label)) << label;
  }
  EXPECT_GT(taken, 40000u);
}

TEST(IdnaFast, LeavesTheRestToLibidn2) {
  for (const char* label : {
           "example",        // no non-ASCII: not an IDN label
           "xn--bcher-kva",  // an A-label is checked by libidn2
           "-b\xc3\xbc"
           "cher",  // leading hyphen
           "b\xc3\xbc"
           "cher-",            // trailing hyphen
           "b\xc3\xbc--cher",  // hyphens in the third and fourth positions
           "b\xc3\xbc_cher",   // '_' is not IDNA2008
           "u\xcc\x88",        // a combining mark: NFC composes it
           "\xc2\xb7",         // U+00B7 MIDDLE DOT: CONTEXTO
           "\xd7\x90",         // Hebrew alef: right-to-left, the Bidi rule
           "\xe2\x84\xa2",     // U+2122 TRADE MARK SIGN: mapped to "tm"
           "\xc4\xb0",         // U+0130: maps to i + U+0307
           "\xef\xbd\x81",     // fullwidth a: mapped
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
}

}  // namespace
}  // namespace tcfeed::indicators
