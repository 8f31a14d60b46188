#pragma once

#include <string>
#include <string_view>

#include "lib/indicators/reject.hpp"

namespace tcfeed::indicators {

// The ASN indicator: "ASN12345" exactly (docs/threatconnect.md, Value rules: not "12345", "AS12345" or "ASN 12345").
// Accepts "123", "AS123", "ASN123", "as 123", "ASN 123", "AS-123" (any case, spaces or '-' after
// the prefix, leading zeros) and asdot "AS1.10" (= 65546, RFC 5396). Range 1-4294967295: AS 0 is
// reserved (RFC 7607) and never an indicator.
Reject normalize_asn(std::string_view raw, std::string& out);

}  // namespace tcfeed::indicators
