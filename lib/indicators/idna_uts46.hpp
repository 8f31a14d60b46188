#pragma once
// The URL Standard's "domain to ASCII" for a domain that is not all ASCII: UTS #46 ToASCII with
// CheckHyphens=false, CheckBidi=true, CheckJoiners=true, UseSTD3ASCIIRules=false,
// Transitional_Processing=false, VerifyDnsLength=false, through ICU's UTS #46 implementation
// (docs/hosts.md). The forbidden domain code points and tcfeed's own Host rules are the caller's
// (host.cpp checks the result).
#include <string>
#include <string_view>

#include "lib/indicators/reject.hpp"

namespace tcfeed::indicators {

// `domain` is valid UTF-8 (the caller checked). Appends its ASCII form to `out`, lower-case, with
// the labels as UTS #46 produced them (empty or over-long labels included: the DNS limits are
// tcfeed's rules, checked after). On a reject, `out` is as it was.
Reject append_uts46_to_ascii(std::string_view domain, std::string& out);

}  // namespace tcfeed::indicators
