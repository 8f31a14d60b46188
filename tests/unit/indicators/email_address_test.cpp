#include <gtest/gtest.h>

#include <string>

#include "lib/indicators/email_address.hpp"
#include "tests/unit/indicators/case_table.hpp"

namespace tcfeed::indicators {
namespace {

using testing::Case;
using testing::expect_cases;

TEST(EmailAddressTest, Forms) {
  expect_cases(IndicatorType::EmailAddress,
               {
                   {"badguy@example.com", "badguy@example.com"},
                   {"  BadGuy@EXAMPLE.COM ", "BadGuy@example.com"},  // local part keeps its case
                   {"bad.guy+tag@example.com", "bad.guy+tag@example.com"},
                   {"o'brien@example.com", "o'brien@example.com"},
                   {"bad[@]evil[.]com", "bad@evil.com"},
                   {"bad(at)evil.com", "", Reject::EmailMissingAt},
                   {"mailto:bad@evil.com", "bad@evil.com"},
                   {"bad@Bücher.example", "bad@xn--bcher-kva.example"},
                   {"josé@example.com", "josé@example.com"},  // RFC 6531 local part
                   {"bad@evil.com.", "bad@evil.com"},
                   {"badexample.com", "", Reject::EmailMissingAt},
                   {"a@b@example.com", "", Reject::EmailMultipleAt},
                   {"@example.com", "", Reject::EmailInvalidLocalPart},
                   {"a b@example.com", "", Reject::EmailInvalidLocalPart},
                   {"\"a\"@example.com", "", Reject::EmailInvalidLocalPart},
                   {"a\x01@example.com", "", Reject::ControlCharacter},
                   {"a\xc3@example.com", "", Reject::InvalidUtf8},
                   {"bad@", "", Reject::Empty},
                   {"bad@localhost", "", Reject::HostSingleLabel},
                   {"bad@1.2.3.4", "", Reject::HostIsAddress},
                   {"bad@[1.2.3.4]", "", Reject::HostIsAddress},  // IP-literal domains refused
                   {"bad@xn--zz.com", "bad@xn--zz.com"},          // an ASCII domain is never failed by IDNA
                   {"bad@xn--zz.b\xc3\xbc"
                    "cher.de",
                    "", Reject::HostInvalidPunycode},
                   {"bad@ex ample.com", "", Reject::HostInvalidCharacter},
                   {"", "", Reject::Empty},
               });
  std::string out;
  EXPECT_EQ(normalize(IndicatorType::EmailAddress, std::string(65, 'a') + "@example.com", out),
            Reject::EmailLocalPartTooLong);
  EXPECT_EQ(normalize(IndicatorType::EmailAddress, std::string(64, 'a') + "@example.com", out), Reject::None);
}

}  // namespace
}  // namespace tcfeed::indicators
