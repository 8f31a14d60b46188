#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "lib/indicators/reject.hpp"

namespace tcfeed::indicators {

// An IPv4 or IPv6 address in network byte order. IPv4 uses bytes[0..3]; the rest stay zero.
// Exposed for the policy engine (CIDR allowlists, reserved ranges) so it does not parse again.
struct IpAddress {
  bool is_v6 = false;
  std::array<std::uint8_t, 16> bytes{};

  friend bool operator==(const IpAddress&, const IpAddress&) = default;
};

// Strict dotted quad: exactly four decimal octets 0-255, no leading zeros ("010" is octal to
// inet_aton and decimal to others, so it is ambiguous and refused), nothing before or after.
Reject parse_ipv4(std::string_view text, IpAddress& ip);

// IPv4 as above, or IPv6 (RFC 4291 text forms, embedded IPv4 allowed, no zone id). No trimming,
// no brackets, no refanging: `text` must be exactly the address.
Reject parse_ip_address(std::string_view text, IpAddress& ip);

// Appends the canonical text: dotted quad, or RFC 5952 for IPv6 (lower-case, no leading zeros,
// the longest run of two or more zero groups as "::", the first on a tie, and ::ffff:a.b.c.d for
// IPv4-mapped addresses).
void append_ip_address(const IpAddress& ip, std::string& out);

// Appends IPv6 with all eight groups, no "::" and no leading zeros ("abc:def:10:0:0:0:0:0"): the
// form the platform wants inside a CIDR block (docs/threatconnect.md, Value rules). IPv4 is appended as a dotted quad.
void append_ip_address_uncompressed(const IpAddress& ip, std::string& out);

// The Address indicator: trims ASCII whitespace, refangs ("1[.]2[.]3[.]4"), accepts "[::1]",
// writes the canonical text into `out` (cleared first).
Reject normalize_address(std::string_view raw, std::string& out);

}  // namespace tcfeed::indicators
