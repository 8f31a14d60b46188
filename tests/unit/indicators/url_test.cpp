#include <gtest/gtest.h>

#include <string>

#include "lib/indicators/url.hpp"
#include "tests/unit/indicators/case_table.hpp"

namespace tcfeed::indicators {
namespace {

using testing::Case;
using testing::expect_cases;

TEST(UrlTest, SchemeHostPort) {
  expect_cases(IndicatorType::URL,
               {
                   {"http://example.com/bad.php", "http://example.com/bad.php"},
                   {"HTTP://EXAMPLE.COM/Path/To?Q=Yes#Frag", "http://example.com/Path/To?Q=Yes#Frag"},
                   {"http://a.com", "http://a.com"},  // empty path kept as given
                   {"http://a.com/", "http://a.com/"},
                   {"http://a.com?x=1", "http://a.com?x=1"},
                   {"https://a.com:443/x", "https://a.com/x"},
                   {"http://a.com:80/x", "http://a.com/x"},
                   {"ftp://a.com:21/x", "ftp://a.com/x"},
                   {"sftp://a.com:22/x", "sftp://a.com/x"},
                   {"http://a.com:443/x", "http://a.com:443/x"},
                   {"https://a.com:8443/x", "https://a.com:8443/x"},
                   {"http://a.com:/x", "http://a.com/x"},  // empty port = default
                   {"http://a.com:0080/x", "http://a.com/x"},
                   {"http://a.com:08080/x", "http://a.com:8080/x"},
                   {"http://a.com.:8080", "http://a.com:8080"},  // root dot dropped
                   {"http://user:pa%20ss@a.com/", "http://user:pa%20ss@a.com/"},
                   {"http://us@er@a.com/", "http://us%40er@a.com/"},
                   {"http://1.2.3.4/x", "http://1.2.3.4/x"},
                   {"http://1.2.3.4:8080/x", "http://1.2.3.4:8080/x"},
                   {"http://[2001:DB8:0:0::1]:8080/x", "http://[2001:db8::1]:8080/x"},
                   {"http://[::ffff:1.2.3.4]/", "http://[::ffff:1.2.3.4]/"},
                   {"  http://a.com/x  ", "http://a.com/x"},
                   {"http://ex%61mple.com/", "http://example.com/"},
                   {"http://a.com:99999/", "", Reject::UrlInvalidPort},
                   {"http://a.com:8o/", "", Reject::UrlInvalidPort},
                   {"http://a.com:123456/", "", Reject::UrlInvalidPort},
                   {"a.com/x", "", Reject::UrlMissingScheme},
                   {"//a.com/x", "", Reject::UrlMissingScheme},
                   {"a.com:8080/x", "", Reject::UrlMissingScheme},
                   {"mailto:bad@evil.com", "", Reject::UrlMissingScheme},
                   {"1http://a.com/", "", Reject::UrlMissingScheme},
                   {"javascript://a.com/%0Aalert(1)", "", Reject::UrlUnsupportedScheme},
                   {"gopher://a.com/", "", Reject::UrlUnsupportedScheme},
                   {"http:///x", "", Reject::UrlMissingHost},
                   {"http://user@/x", "", Reject::UrlMissingHost},
                   {"http://:80/x", "", Reject::UrlMissingHost},
                   {"http://[::1/x", "", Reject::UrlInvalid},
                   {"http://[::1]x/", "", Reject::UrlInvalid},
                   {"http://[1.2.3.4]/", "", Reject::InvalidAddress},
                   {"http://[v1.x]/", "", Reject::InvalidAddress},
                   {"http://ex%zzample.com/", "", Reject::UrlInvalid},
                   {"http://a..com/", "", Reject::HostEmptyLabel},
                   {"http://localhost/", "", Reject::HostSingleLabel},
                   {"http://999.1.1.1/", "", Reject::HostNumericTld},
                   {"http://01.2.3.4/", "", Reject::HostNumericTld},
                   {"http://www.xn--zz.b\xc3\xbc"
                    "cher.de/",
                    "", Reject::HostInvalidPunycode},
                   {"http://a\xe2\x80\xae"
                    "b.com/",
                    "", Reject::HostBidiControl},
                   {"http://a b.com/", "", Reject::HostInvalidCharacter},
                   {"", "", Reject::Empty},
               });
}

TEST(UrlTest, IdnHost) {
  expect_cases(IndicatorType::URL,
               {
                   {"http://Bücher.example/Path", "http://xn--bcher-kva.example/Path"},
                   {"https://straße.de/", "https://xn--strae-oqa.de/"},
                   {"http://bücher\xe3\x80\x82"
                    "example/",
                    "http://xn--bcher-kva.example/"},
                   {"http://user@Bücher.example:8080/a", "http://user@xn--bcher-kva.example:8080/a"},
                   {"http://b%C3%BCcher.example/", "http://xn--bcher-kva.example/"},
               });
}

TEST(UrlTest, PathQueryFragmentKeptExceptForbiddenBytes) {
  expect_cases(IndicatorType::URL,
               {
                   {"http://a.com/Some Path/x?q=a b", "http://a.com/Some%20Path/x?q=a%20b"},
                   {"http://a.com/ü?ü#ü", "http://a.com/%C3%BC?%C3%BC#%C3%BC"},
                   {"http://a.com/a%2fb?x=%7E", "http://a.com/a%2fb?x=%7E"},  // escapes keep their case
                   {"http://a.com/100%?x=%", "http://a.com/100%25?x=%25"},    // stray % encoded
                   {"http://a.com/%4", "http://a.com/%254"},
                   {"http://a.com/a\"<>\\^`{|}[]", "http://a.com/a%22%3C%3E%5C%5E%60%7B%7C%7D%5B%5D"},
                   {"http://a.com/a\x01"
                    "b\x7f"
                    "c",
                    "http://a.com/a%01b%7Fc"},
                   {"http://a.com/#a#b", "http://a.com/#a%23b"},
                   {"http://a.com/p?a=1&b=2;c=(3)*+,=$!'", "http://a.com/p?a=1&b=2;c=(3)*+,=$!'"},
                   {"http://a.com/p?next=/x?y@z:1", "http://a.com/p?next=/x?y@z:1"},
                   {"http://a.com/CaSe/PaTh.PHP?Key=VaLuE", "http://a.com/CaSe/PaTh.PHP?Key=VaLuE"},
                   {"http://a.com?", "http://a.com?"},
                   {"http://a.com#", "http://a.com#"},
                   {"http://a.com/\xff\xfe", "http://a.com/%FF%FE"},  // invalid UTF-8: bytes encoded
               });
}

TEST(UrlTest, Refanged) {
  expect_cases(IndicatorType::URL, {
                                       {"hxxp://evil[.]com/x", "http://evil.com/x"},
                                       {"hXXps://evil[.]com[:]8443/x", "https://evil.com:8443/x"},
                                       {"hxxp://user[@]evil(.)com/", "http://user@evil.com/"},
                                       {"http://evil.com/((.))", "http://evil.com/."},  // refang runs until stable
                                   });
}

TEST(UrlTest, TooLong) {
  std::string out;
  const std::string path(kMaxUrlLength, 'a');
  EXPECT_EQ(normalize(IndicatorType::URL, "http://a.com/" + path, out), Reject::TooLong);
  const std::string fits = "http://a.com/" + std::string(kMaxUrlLength - 13, 'a');
  EXPECT_EQ(normalize(IndicatorType::URL, fits, out), Reject::None);
  EXPECT_EQ(out, fits);
}

// The limit holds for the value sent: a URL that fits raw but not once percent-encoded is
// refused, on the fast path and the general one alike, so that every value sent normalizes to
// itself (normalize_fuzz found one that did not).
TEST(UrlTest, TooLongOnceEncoded) {
  std::string out;
  const std::string plain = "http://a.com/" + std::string(3000, '\x01');       // the fast path's kind
  const std::string general = "http://[::1]:79/" + std::string(3000, '\x01');  // the general path's
  for (const auto& raw : {plain, general}) {
    ASSERT_LE(raw.size(), kMaxUrlLength);
    EXPECT_EQ(normalize(IndicatorType::URL, raw, out), Reject::TooLong) << raw.substr(0, 20);
    EXPECT_TRUE(out.empty());
  }
  const std::string fits = "http://a.com/" + std::string((kMaxUrlLength - 13) / 3, '\x01');
  ASSERT_EQ(normalize(IndicatorType::URL, fits, out), Reject::None);
  EXPECT_LE(out.size(), kMaxUrlLength);
  std::string again;
  EXPECT_EQ(normalize(IndicatorType::URL, out, again), Reject::None);
  EXPECT_EQ(again, out);
}

}  // namespace
}  // namespace tcfeed::indicators
