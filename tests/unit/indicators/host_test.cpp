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
                                        {"-bad.example.com", "-bad.example.com"},  // CheckHyphens=false
                                        {"bad-.example.com", "bad-.example.com"},
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
                   {"example.0x1F", "", Reject::HostNumericTld},  // "0x" and hex: a browser parses IPv4
                   {"example.0x", "", Reject::HostNumericTld},
                   {"example.0xg", "example.0xg"},
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
                   {"\xf0\x9f\x92\xa9.la", "xn--ls8h.la"},          // an emoji: valid in UTS #46 (not in IDNA2008)
                   {"\xee\x80\x80.la", "", Reject::HostIdnaError},  // U+E000, private use: disallowed
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

TEST(HostTest, AsciiNamesAreNeverFailedByIdna) {
  // Domain to ASCII only lower-cases an all-ASCII name (whatwg/url PR 914): browsers connect to
  // these, so they are indicators as they are, whether or not their xn-- labels decode.
  expect_cases(IndicatorType::Host, {
                                        {"xn--1ug.evil.com", "xn--1ug.evil.com"},  // decodes to a lone ZWJ
                                        {"XN--1UG.Evil.com", "xn--1ug.evil.com"},
                                        {"xn--zz.com", "xn--zz.com"},
                                        {"xn--a.com", "xn--a.com"},
                                        {"xn--ls8h.la", "xn--ls8h.la"},            // a disallowed emoji
                                        {"xn--xn---yna.com", "xn--xn---yna.com"},  // doubly encoded
                                        {"-foo.evil.com", "-foo.evil.com"},
                                        {"ab--cd.evil.com", "ab--cd.evil.com"},
                                    });
}

TEST(HostTest, InvalidPunycodeInAnIdn) {
  // With non-ASCII anywhere, UTS #46 decodes and checks every xn-- label.
  expect_cases(IndicatorType::Host, {
                                        {"www.xn--zz.b\xc3\xbc"
                                         "cher.de",
                                         "", Reject::HostInvalidPunycode},
                                        {"xn--a.\xc3\x9f"
                                         ".de",
                                         "", Reject::HostInvalidPunycode},
                                        {"xn--1ug.b\xc3\xbc"
                                         "cher.de",
                                         "", Reject::HostIdnaError},  // ZWJ outside its context (CheckJoiners)
                                        {"xn--xn---yna.b\xc3\xbc"
                                         "cher.de",
                                         "", Reject::HostInvalidPunycode},  // decodes to a label that begins with xn--
                                        {"xn--zca.b\xc3\xbc"
                                         "cher.de",
                                         "xn--zca.xn--bcher-kva.de"},
                                    });
}

TEST(HostTest, AsBrowsersParseThem) {
  expect_cases(IndicatorType::Host,
               {
                   // U+1E9E capital sharp s is U+00DF in UTS #46 since Unicode 15.1, not "ss".
                   {"\xe1\xba\x9e.com", "xn--zca.com"},
                   {"\xe1\xba\x9e.foo.com", "xn--zca.foo.com"},
                   {"a\xe1\xba\x9e\xe2\x99\xa5.com", "xn--a-qfa239z.com"},  // past the fast path: ICU
                                                                            // CheckHyphens=false, in an IDN too.
                   {"-foo.b\xc3\xbc"
                    "cher.com",
                    "-foo.xn--bcher-kva.com"},
                   {"-b\xc3\xbc"
                    "cher.com",
                    "xn---bcher-4ya.com"},
                   // U+2027 HYPHENATION POINT: valid in UTS #46 (IDNA2008 disallows it).
                   {"www.lookout\xe2\x80\xa7net", "www.xn--lookoutnet-406e"},
                   {"\xe2\x99\xa5.net", "xn--g6h.net"},  // symbols UTS #46 keeps (NV8)
                   {"<\xcc\xb8.com", "xn--gdh.com"},     // '<' and U+0338 compose to U+226E
                   {"b\xc3\xbc/cher.com", "", Reject::HostInvalidCharacter},
                   {"\xd9\x8a"
                    "a.com",
                    "", Reject::HostIdnaError},                          // the Bidi rule
                   {"\xe2\x80\x8d.example", "", Reject::HostIdnaError},  // ZWJ (CheckJoiners)
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
