// normalize_url() (the plain-URL fast path in front of the general one) against
// normalize_url_general(), the definition: the same reject reason and the same bytes for the
// normalize fuzz corpus, the URLhaus fixture and a few hundred thousand generated URLs built from
// the awkward parts — case, IDN, A-labels, %-escapes, ports, userinfo, IPv6, trailing dots,
// defanged forms, forbidden bytes, whitespace.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "lib/indicators/text.hpp"
#include "lib/indicators/url.hpp"
#include "lib/indicators/url_internal.hpp"
#include "tests/unit/indicators/case_table.hpp"

namespace tcfeed::indicators {
namespace {

std::filesystem::path source_dir() {
  const char* dir = std::getenv("TCFEED_SOURCE_DIR");
  return dir != nullptr ? dir : ".";
}

struct Tally {
  std::size_t inputs = 0;
  std::size_t plain = 0;  // taken by the fast path
};

void expect_same(std::string_view input, Tally& tally) {
  std::string general;
  std::string dispatched;
  const Reject expected = normalize_url_general(input, general);
  const Reject actual = normalize_url(input, dispatched);
  ++tally.inputs;
  std::string plain;
  if (input.size() <= kMaxUrlLength && normalize_plain_url(text::trim(input), plain)) ++tally.plain;
  ASSERT_EQ(reject_id(actual), reject_id(expected)) << "input: '" << testing::printable(input) << "'";
  if (expected == Reject::None) {
    ASSERT_EQ(dispatched, general) << "input: '" << testing::printable(input) << "'";
  }
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(UrlPlainPath, FuzzCorpusAndFixtures) {
  Tally tally;
  for (const char* dir : {"tests/fuzz/corpus/normalize_fuzz", "tests/fixtures/urlhaus", "tests/fixtures/threatfox"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(source_dir() / dir)) {
      if (!entry.is_regular_file()) continue;
      const std::string text = read_file(entry.path());
      if (!text.empty()) expect_same(std::string_view(text).substr(1), tally);  // a corpus file: type byte, value
      // Fixture lines hold URLs between quotes; every quoted piece and every line is an input.
      std::size_t start = 0;
      while (start < text.size()) {
        const std::size_t end = std::min(text.find_first_of("\"\n", start), text.size());
        expect_same(std::string_view(text).substr(start, end - start), tally);
        if (::testing::Test::HasFatalFailure()) return;
        start = end + 1;
      }
    }
  }
  EXPECT_GT(tally.plain, 20u);
}

TEST(UrlPlainPath, GeneratedFromAwkwardParts) {
  const std::vector<std::string> spaces = {"", "", "", " ", "\t", "\n "};
  const std::vector<std::string> schemes = {"http", "http",  "https",  "HTTP", "hTTps", "ftp",   "sftp",      "SFTP",
                                            "hxxp", "hXXps", "gopher", "",     "ht tp", "1http", "javascript"};
  const std::vector<std::string> separators = {"://", "://", "://", "://", ":/", "//", ":///", "[:]//"};
  const std::vector<std::string> userinfos = {"", "", "", "", "user@", "us:pw@", "a@b@", "u[@]", "@", "us%20er@", "ü@"};
  // Plain ones (letters, digits, '.', '-', '_', non-ASCII: the fast path's domain and its edges)
  // first: `plain` rounds pick among those.
  const std::vector<std::string> hosts = {"example.com",
                                          "EXAMPLE.COM",
                                          "Www.Example.Org",
                                          "a.b.c.example.org",
                                          "example.com.",
                                          "example.com..",
                                          "1.2.3.4",
                                          "01.2.3.4",
                                          "256.1.1.1",
                                          "1.2.3.4.",
                                          "999.1.1.1",
                                          "1.2.3",
                                          "xn--bcher-kva.example",
                                          "XN--BCHER-KVA.example",
                                          "xn--zz.com",
                                          "xn--1ug.evil.com",
                                          "a.0x1f",
                                          "a.0x",
                                          "a.0xg",
                                          "-bad.com",
                                          "bad-.com",
                                          "a_b.com",
                                          "localhost",
                                          "a..b.com",
                                          ".a.com",
                                          "r4---sn-abc.googlevideo.com",
                                          "a.123",
                                          std::string(64, 'a') + ".com",
                                          std::string(63, 'a') + ".com",
                                          "hxxp.com",
                                          "a.b-",
                                          "b\xc3\xbc"
                                          "cher.example",
                                          "B\xc3\x9c"
                                          "CHER.example",
                                          "\xd0\xbf\xd1\x80\xd0\xb8\xd0\xbc\xd0\xb5\xd1\x80.\xd1\x80\xd1\x84",
                                          "\xe4\xbe\x8b\xe3\x81\x88.jp",
                                          "stra\xc3\x9f"
                                          "e.de",
                                          "bu\xcc\x88"
                                          "cher.de",
                                          "a\xe2\x80\xae"
                                          "b.com",
                                          "\xff.com",
                                          "x.\xe3\x80\x82"
                                          "com",
                                          "\xc3\xbc"
                                          "--x.com",
                                          "\xd7\x90\xd7\x91.com",
                                          "\xc3\xbc\xc3\xbc.123",
                                          "",
                                          "[2001:DB8:0::1]",
                                          "[::1",
                                          "[::ffff:1.2.3.4]",
                                          "[1.2.3.4]",
                                          "ex%61mple.com",
                                          "b%C3%BCcher.example",
                                          "ex%zzample.com",
                                          "evil[.]com",
                                          "evil(.)com",
                                          "a b.com",
                                          "ex:ample.com",
                                          "\xc3\xbc:\xc3\xbc.com"};
  constexpr std::size_t kPlainHosts = 39;
  const std::vector<std::string> ports = {"",    "",       "",       ":",       ":80",    ":443",
                                          ":21", ":22",    ":8080",  ":0080",   ":08080", ":99999",
                                          ":8o", ":65535", ":00000", ":123456", ":-1",    "::80"};
  const std::vector<std::string> tails = {"",
                                          "/",
                                          "/path",
                                          "/Path/To?Q=Yes#Frag",
                                          "/a b",
                                          "/\xc3\xbc?\xc3\xbc#\xc3\xbc",
                                          "/%41%zz",
                                          "/100%",
                                          "?x=1",
                                          "#f#g",
                                          "/a\"<>\\^`{|}[]",
                                          "/x[.]y",
                                          "/hxxp://inner",
                                          "/((.))",
                                          "/bin.sh",
                                          "/?id=abcdef",
                                          "/p?next=/x?y@z:1",
                                          "/\x01\x7f",
                                          "/\xff\xfe",
                                          "?",
                                          "#",
                                          "/a%2fb?x=%7E",
                                          "/p?a=1&b=2;c=(3)*+,=$!'",
                                          "/Mozi.m",
                                          "/x(.)y",
                                          "/[:]",
                                          "/%4"};
  std::mt19937 random(3986);
  bool plain = false;
  // In plain rounds only the first `plain_count` options: the fast path's domain and its edges.
  const auto pick = [&](const std::vector<std::string>& options, std::size_t plain_count) -> const std::string& {
    return options[random() % (plain ? plain_count : options.size())];
  };
  Tally tally;
  for (int round = 0; round < 300000; ++round) {
    plain = round % 2 == 0;
    std::string url = pick(spaces, 4) + pick(schemes, 7) + pick(separators, 1) + pick(userinfos, 1) +
                      pick(hosts, kPlainHosts) + pick(ports, ports.size()) + pick(tails, tails.size()) +
                      pick(spaces, 4);
    if (round % 7 == 0 && !url.empty()) {
      // A random edit: the parts above cannot produce every near miss.
      const std::size_t at = random() % url.size();
      switch (random() % 3) {
        case 0: url.erase(at, 1); break;
        case 1: url.insert(at, 1, "/:@[]%.-_ \x80"[random() % 12]); break;
        default: url[at] = static_cast<char>(text::to_upper(url[at])); break;
      }
    }
    expect_same(url, tally);
    if (HasFatalFailure()) return;
  }
  EXPECT_GT(tally.plain, tally.inputs / 10);  // the fast path really runs
}

TEST(UrlPlainPath, TooLongIsDecidedBeforeTheFastPath) {
  Tally tally;
  const std::string path(kMaxUrlLength, 'a');
  expect_same("http://a.com/" + path, tally);
  expect_same("http://a.com/" + std::string(kMaxUrlLength - 13, 'a'), tally);
  expect_same("  http://a.com/" + std::string(kMaxUrlLength - 15, 'a') + "  ", tally);
}

}  // namespace
}  // namespace tcfeed::indicators
