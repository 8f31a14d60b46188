#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>

#include "lib/indicators/indicator_type.hpp"
#include "lib/indicators/normalize.hpp"
#include "lib/indicators/refang.hpp"

namespace tcfeed::indicators {
namespace {

TEST(RefangTest, Patterns) {
  struct Row {
    std::string_view in;
    std::string_view out;
  };
  const Row rows[] = {
      {"hxxp://a[.]b", "http://a.b"},
      {"HXXPS://a(.)b", "https://a.b"},
      {"a[:]80", "a:80"},
      {"a[@]b", "a@b"},
      {"[[.]]", "."},  // one pass leaves "[.]": refang repeats until stable
      {"[[.].]", "[..]"},
      {"hxxp:/a", "hxxp:/a"},
      {"[.", "[."},
      {"(:)", "(:)"},
      {"plain", "plain"},
      {"", ""},
  };
  std::string out;
  for (const auto& row : rows) {
    refang(row.in, out);
    EXPECT_EQ(out, row.out) << row.in;
    EXPECT_EQ(needs_refang(row.in), row.in != row.out) << row.in;
  }
}

TEST(NormalizeTest, RefangOnlyForNetworkTypes) {
  std::string out;
  EXPECT_EQ(normalize(IndicatorType::Host, "evil[.]com", out), Reject::None);
  EXPECT_EQ(out, "evil.com");
  EXPECT_EQ(normalize(IndicatorType::Mutex, "evil[.]com", out), Reject::None);
  EXPECT_EQ(out, "evil[.]com");
  EXPECT_EQ(normalize(IndicatorType::UserAgent, "hxxp://x", out), Reject::None);
  EXPECT_EQ(out, "hxxp://x");
}

TEST(NormalizeTest, OutOfRangeTypeIsRefused) {
  std::string out = "stale";
  EXPECT_EQ(normalize(static_cast<IndicatorType>(99), "anything", out), Reject::TypeOutOfRange);
  EXPECT_TRUE(out.empty());
}

TEST(NormalizeTest, EveryRejectHasDistinctTextAndId) {
  std::set<std::string_view> texts;
  std::set<std::string_view> ids;
  const auto last = static_cast<int>(Reject::HashtagWhitespace);
  for (int i = 0; i <= last; ++i) {
    const auto reason = static_cast<Reject>(i);
    EXPECT_FALSE(reject_text(reason).empty()) << i;
    EXPECT_TRUE(texts.insert(reject_text(reason)).second) << reject_text(reason);
    EXPECT_TRUE(ids.insert(reject_id(reason)).second) << reject_id(reason);
  }
  EXPECT_EQ(reject_text(Reject::InvalidAddress), "not an IPv4 or IPv6 address");
  EXPECT_EQ(reject_id(Reject::HostIsAddress), "host_is_address");
}

// Hostile bytes: nothing may crash, hang or throw, and anything accepted must be a fixed point.
TEST(NormalizeTest, RandomBytesNeverCrashAndAcceptedValuesAreStable) {
  std::mt19937 rng(12345);  // fixed seed: a failure reproduces
  const std::string_view alphabet_pieces[] = {"a",
                                              "Z",
                                              "0",
                                              "9",
                                              ".",
                                              ":",
                                              "/",
                                              "@",
                                              "[",
                                              "]",
                                              "(",
                                              ")",
                                              "%",
                                              "#",
                                              "?",
                                              " ",
                                              "\t",
                                              "\0",
                                              "\xff",
                                              "\xc3\xbc",
                                              "\xe3\x80\x82",
                                              "\xe2\x80\xae",
                                              "xn--",
                                              "hxxp://",
                                              "http://",
                                              "[.]",
                                              "-",
                                              "_",
                                              "\\",
                                              "HKLM\\",
                                              " : ",
                                              "REG_SZ",
                                              "AS",
                                              "/24",
                                              "::",
                                              "ffff",
                                              "\xc3",
                                              "\xed\xa0\x80"};
  std::string raw;
  std::string out;
  std::string again;
  int accepted = 0;
  for (int iteration = 0; iteration < 20000; ++iteration) {
    raw.clear();
    const int pieces = static_cast<int>(rng() % 12);
    for (int p = 0; p < pieces; ++p) {
      const auto& piece = alphabet_pieces[rng() % std::size(alphabet_pieces)];
      raw.append(piece.data(), piece == "\0" ? 1 : piece.size());
    }
    for (const auto type : kAllIndicatorTypes) {
      const Reject reason = normalize(type, raw, out);
      if (reason != Reject::None) continue;
      ++accepted;
      ASSERT_EQ(normalize(type, out, again), Reject::None)
          << type_name(type) << " raw='" << raw << "' out='" << out << "'";
      ASSERT_EQ(again, out) << type_name(type) << " raw='" << raw << "'";
    }
  }
  EXPECT_GT(accepted, 100);
}

TEST(NormalizeTest, HugeInputsAreRefusedCheaply) {
  const std::string huge(1 << 20, 'a');
  std::string out;
  for (const auto type : kAllIndicatorTypes) {
    EXPECT_EQ(normalize(type, huge, out), Reject::TooLong) << type_name(type);
  }
}

}  // namespace
}  // namespace tcfeed::indicators
