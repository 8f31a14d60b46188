#include <gtest/gtest.h>

#include <string>

#include "lib/indicators/host.hpp"
#include "tests/unit/indicators/case_table.hpp"

namespace tcfeed::indicators {
namespace {

using testing::Case;
using testing::expect_cases;

TEST(HostTest, AsciiFastPath) {
  expect_cases(IndicatorType::Host, {
                                        {"example.com", "example.com"},
                                        {"  WWW.Example.COM \n", "www.example.com"},
                                        {"example.com.", "example.com"},
                                        {"evil[.]example[.]com", "evil.example.com"},
                                        {"evil(.)example(.)com", "evil.example.com"},
                                        {"my_pc.duckdns.org", "my_pc.duckdns.org"},  // underscore allowed
                                        {"_dmarc.example.com", "_dmarc.example.com"},
                                        {"r4---sn-abc.googlevideo.com", "r4---sn-abc.googlevideo.com"},
                                        {"a-b.example", "a-b.example"},
                                        {"1password.com", "1password.com"},
                                        {"example.com..", "", Reject::HostEmptyLabel},
                                        {"a..b.com", "", Reject::HostEmptyLabel},
                                        {".example.com", "", Reject::HostEmptyLabel},
                                        {".", "", Reject::Empty},
                                        {"localhost", "", Reject::HostSingleLabel},
                                        {"-bad.example.com", "", Reject::HostHyphen},
                                        {"bad-.example.com", "", Reject::HostHyphen},
                                        {"exa mple.com", "", Reject::HostInvalidCharacter},
                                        {"example.com/path", "", Reject::HostInvalidCharacter},
                                        {"http://example.com", "", Reject::HostInvalidCharacter},
                                        {"user@example.com", "", Reject::HostInvalidCharacter},
                                        {"example.com:8080", "", Reject::HostInvalidCharacter},
                                        {"exam\tple.com", "", Reject::ControlCharacter},
                                        {std::string_view("exam\0ple.com", 12), "", Reject::ControlCharacter},
                                        {"", "", Reject::Empty},
                                    });
}

TEST(HostTest, IpLiteralIsNotAHost) {
  expect_cases(IndicatorType::Host,
               {
                   {"1.2.3.4", "", Reject::HostIsAddress},
                   {"1[.]2[.]3[.]4", "", Reject::HostIsAddress},
                   {"::1", "", Reject::HostIsAddress},
                   {"[2001:db8::1]", "", Reject::HostIsAddress},
                   {"\xef\xbc\x91.2.3.4", "", Reject::HostIsAddress},  // fullwidth digit one maps to '1'
                   {"999.1.1.1", "", Reject::HostNumericTld},
                   {"1.2.3", "", Reject::HostNumericTld},
                   {"example.123", "", Reject::HostNumericTld},
               });
}

TEST(HostTest, Uts46) {
  expect_cases(IndicatorType::Host,
               {
                   {"Bücher.Example", "xn--bcher-kva.example"},
                   {"BÜCHER.example", "xn--bcher-kva.example"},  // uppercase Unicode
                   {"straße.de", "xn--strae-oqa.de"},            // non-transitional: ß kept
                   {"ß.example", "xn--zca.example"},
                   {"faß.de", "xn--fa-hia.de"},
                   {"bücher\xe3\x80\x82"
                    "example",
                    "xn--bcher-kva.example"},  // U+3002 ideographic full stop
                   {"bücher\xef\xbc\x8e"
                    "example",
                    "xn--bcher-kva.example"},  // U+FF0E fullwidth full stop
                   {"bücher\xef\xbd\xa1"
                    "example",
                    "xn--bcher-kva.example"},  // U+FF61 halfwidth ideographic
                   {"example\xe3\x80\x82"
                    "com",
                    "example.com"},  // separator in ASCII labels
                   {"bücher.example.", "xn--bcher-kva.example"},
                   {"bücher.example\xe3\x80\x82", "xn--bcher-kva.example"},    // trailing U+3002 is the root
                   {"\xef\xbc\xa5\xef\xbc\xb8.com", "ex.com"},                 // fullwidth "EX"
                   {"r4---sn-abc.bücher.de", "r4---sn-abc.xn--bcher-kva.de"},  // ASCII label kept as is
                   {"xn--bcher-kva.example", "xn--bcher-kva.example"},
                   {"XN--BCHER-KVA.Example", "xn--bcher-kva.example"},
                   {"münchen[.]de", "xn--mnchen-3ya.de"},
                   {"bücher..example", "", Reject::HostEmptyLabel},
                   {"\xf0\x9f\x92\xa9.la", "", Reject::HostIdnaError},  // emoji: disallowed
                   {"b\xc3"
                    "cher.example",
                    "", Reject::InvalidUtf8},
                   {"b\xff"
                    "cher.example",
                    "", Reject::InvalidUtf8},
                   {"\xed\xa0\x80.example", "", Reject::InvalidUtf8},  // UTF-16 surrogate
                   {"bü cher.example", "", Reject::HostInvalidCharacter},
               });
}

TEST(HostTest, BidiControlsHaveTheirOwnReason) {
  expect_cases(IndicatorType::Host, {
                                        {"a\xe2\x80\x8e"
                                         "b.com",
                                         "", Reject::HostBidiControl},  // U+200E LRM
                                        {"a\xe2\x80\x8f"
                                         "b.com",
                                         "", Reject::HostBidiControl},  // U+200F RLM
                                        {"\xe2\x80\xaa"
                                         "ab.com",
                                         "", Reject::HostBidiControl},  // U+202A LRE
                                        {"\xe2\x80\xae"
                                         "ab.com",
                                         "", Reject::HostBidiControl},                        // U+202E RLO
                                        {"ab.com\xe2\x81\xa6", "", Reject::HostBidiControl},  // U+2066 LRI
                                        {"ab\xe2\x81\xa9.com", "", Reject::HostBidiControl},  // U+2069 PDI
                                    });
}

TEST(HostTest, InvalidPunycode) {
  expect_cases(IndicatorType::Host,
               {
                   {"xn--zz.com", "", Reject::HostInvalidPunycode},
                   {"xn--a.com", "", Reject::HostInvalidPunycode},
                   {"www.xn--zz.bücher.de", "", Reject::HostInvalidPunycode},
                   {"xn--ls8h.la", "", Reject::HostInvalidPunycode},  // decodes to a disallowed emoji
               });
}

TEST(HostTest, Lengths) {
  const std::string label63(63, 'a');
  const std::string label64(64, 'a');
  std::string out;
  EXPECT_EQ(normalize(IndicatorType::Host, label63 + ".com", out), Reject::None);
  EXPECT_EQ(out, label63 + ".com");
  EXPECT_EQ(normalize(IndicatorType::Host, label64 + ".com", out), Reject::HostLabelTooLong);
  EXPECT_EQ(normalize(IndicatorType::Host, "x." + label64 + ".com", out), Reject::HostLabelTooLong);

  // 4 * 63 + 1 = 253 exactly: allowed; one more character: refused.
  const std::string host253 = label63 + "." + label63 + "." + label63 + "." + std::string(61, 'b');
  ASSERT_EQ(host253.size(), 253u);
  EXPECT_EQ(normalize(IndicatorType::Host, host253, out), Reject::None);
  EXPECT_EQ(normalize(IndicatorType::Host, host253 + ".", out), Reject::None);  // root dot
  EXPECT_EQ(out, host253);
  EXPECT_EQ(normalize(IndicatorType::Host, host253 + "c", out), Reject::HostTooLong);
  EXPECT_EQ(normalize(IndicatorType::Host, "c." + host253, out), Reject::HostTooLong);
  EXPECT_EQ(normalize(IndicatorType::Host, std::string(5000, 'a'), out), Reject::TooLong);

  // A label of 61 characters that is longer than 63 once punycoded ("xn--" + 60 + "-" + delta).
  const std::string long_unicode = std::string(60, 'a') + "ü";
  EXPECT_EQ(normalize(IndicatorType::Host, long_unicode + ".de", out), Reject::HostLabelTooLong);
}

TEST(HostTest, OutputCapacityIsReused) {
  std::string out;
  ASSERT_EQ(normalize(IndicatorType::Host, "warm-up.example.com", out), Reject::None);
  const auto* data = out.data();
  ASSERT_EQ(normalize(IndicatorType::Host, "evil.example.org", out), Reject::None);
  EXPECT_EQ(out.data(), data);
}

}  // namespace
}  // namespace tcfeed::indicators
