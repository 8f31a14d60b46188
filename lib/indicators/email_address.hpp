#pragma once

#include <string>
#include <string_view>

#include "lib/indicators/reject.hpp"

namespace tcfeed::indicators {

// The EmailAddress indicator: trimmed, refanged ("bad[@]evil[.]com"), a "mailto:" prefix dropped,
// exactly one '@'; the local part kept byte for byte (case matters to some servers) and limited to
// RFC 5322 dot-atom characters plus UTF-8 (RFC 6531), <= 64 bytes; the domain through the Host
// rules (IDNA, lower-case). Quoted local parts ("a b"@x) and IP-literal domains are refused: they
// do not occur in threat feeds and the platform's validation is unknown for them.
Reject normalize_email_address(std::string_view raw, std::string& out);

}  // namespace tcfeed::indicators
