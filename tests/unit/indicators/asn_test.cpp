#include <gtest/gtest.h>

#include "lib/indicators/asn.hpp"
#include "tests/unit/indicators/case_table.hpp"

namespace tcfeed::indicators {
namespace {

using testing::Case;
using testing::expect_cases;

TEST(AsnTest, Forms) {
  expect_cases(IndicatorType::ASN, {
                                       {"ASN123", "ASN123"},
                                       {"AS123", "ASN123"},
                                       {"123", "ASN123"},
                                       {"asn 123", "ASN123"},
                                       {"ASN 123", "ASN123"},
                                       {"as123", "ASN123"},
                                       {"AS-123", "ASN123"},
                                       {" AS0123 ", "ASN123"},
                                       {"4294967295", "ASN4294967295"},
                                       {"AS1.10", "ASN65546"},  // asdot
                                       {"AS65535.65535", "ASN4294967295"},
                                       {"4294967296", "", Reject::AsnOutOfRange},
                                       {"99999999999999999999999", "", Reject::AsnOutOfRange},
                                       {"0", "", Reject::AsnOutOfRange},
                                       {"AS0", "", Reject::AsnOutOfRange},
                                       {"AS65536.1", "", Reject::AsnOutOfRange},
                                       {"AS", "", Reject::AsnInvalid},
                                       {"ASN12a", "", Reject::AsnInvalid},
                                       {"99999999999999x", "", Reject::AsnInvalid},
                                       {"AB123", "", Reject::AsnInvalid},
                                       {"-123", "", Reject::AsnInvalid},
                                       {"AS1.2.3", "", Reject::AsnInvalid},
                                       {"AS.1", "", Reject::AsnInvalid},
                                       {"", "", Reject::Empty},
                                   });
}

}  // namespace
}  // namespace tcfeed::indicators
