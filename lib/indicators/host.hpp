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
// (docs/hosts.md): the URL Standard's domain to ASCII — an all-ASCII name lower-cased and never
// failed by IDNA, anything else through UTS #46 (CheckHyphens=false, CheckBidi, CheckJoiners,
// non-transitional, no STD3 rules, no DNS length check; idna_uts46.hpp) — then tcfeed's own rules:
// one trailing dot dropped, <= 253 bytes, labels of 1-63 bytes of [a-z0-9_-], at least two labels,
// not an IP literal nor a numeric last label, no bidi control characters. `host` is taken as is (no
// trim, no refang). Writes into `out` (cleared first). Pure ASCII never reaches ICU, nor does the
// common IDN (idna_fast.hpp).
Reject normalize_host_name(std::string_view host, std::string& out);

// normalize_host_name() appending to `out` instead of replacing it (a URL's host goes straight
// after its scheme). On a reject, what was appended is unspecified.
Reject append_host_name(std::string_view host, std::string& out);

}  // namespace tcfeed::indicators
