#pragma once
// The two halves of normalize_url(), apart so that the differential test can hold one to the other.
#include <string>
#include <string_view>

#include "lib/indicators/reject.hpp"

namespace tcfeed::indicators {

// The definition of the URL rules (url.hpp): refang, split, host rules, encoding, and Boost.URL's
// RFC 3986 parser as the last word on what was built. Handles every input.
Reject normalize_url_general(std::string_view raw, std::string& out);

// The fast path for what feeds mostly send: `value` (already trimmed) is "<scheme>://host[:port]"
// then the rest, with a supported scheme, a host of ASCII letters, digits, '.', '-', '_' and
// non-ASCII bytes (a name, an IDN or a dotted quad), no userinfo, no %-escape or IPv6 literal in
// the authority, and nothing to refang. Writes exactly what normalize_url_general() writes and returns true; returns
// false (out unspecified) for anything else, including every value the general path rejects.
bool normalize_plain_url(std::string_view value, std::string& out);

}  // namespace tcfeed::indicators
