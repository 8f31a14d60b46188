#pragma once

#include <string>
#include <string_view>

#include "lib/indicators/reject.hpp"

namespace tcfeed::indicators {

// Longest host name in DNS presentation form, without the trailing dot (RFC 1035 §2.3.4).
inline constexpr std::size_t kMaxHostLength = 253;
inline constexpr std::size_t kMaxLabelLength = 63;

// The Host indicator: trims ASCII whitespace, refangs ("evil[.]com"), then normalize_host_name().
Reject normalize_host(std::string_view raw, std::string& out);

// The host rules shared by Host, the host of a URL and the domain of an EmailAddress
// (docs/threatconnect.md, Value rules): UTS #46 non-transitional ToASCII via libidn2, lower-case
// A-labels, U+3002 / U+FF0E / U+FF61 as label separators, one trailing dot dropped, <= 253 bytes,
// labels 1-63 bytes of [a-z0-9_-] not starting or ending with '-', at least two labels, not an IP
// literal, no bidi control characters, xn-- labels must decode. `host` is taken as is (no trim, no
// refang). Writes into `out` (cleared first). Pure-ASCII input never calls libidn2 unless a label
// is xn--.
Reject normalize_host_name(std::string_view host, std::string& out);

// normalize_host_name() appending to `out` instead of replacing it (a URL's host goes straight
// after its scheme). On a reject, what was appended is unspecified.
Reject append_host_name(std::string_view host, std::string& out);

}  // namespace tcfeed::indicators
