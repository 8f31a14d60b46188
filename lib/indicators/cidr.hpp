#pragma once

#include <string>
#include <string_view>

#include "lib/indicators/address.hpp"
#include "lib/indicators/reject.hpp"

namespace tcfeed::indicators {

// A network: the address with its host bits cleared, and the prefix length.
struct IpNetwork {
  IpAddress network;
  unsigned prefix_length = 0;

  // True when `ip` (same family) lies in this network. Exposed for allowlists and reserved ranges.
  bool contains(const IpAddress& ip) const;

  friend bool operator==(const IpNetwork&, const IpNetwork&) = default;
};

// Parses "a.b.c.d/n" (0-32) or "ipv6/n" (0-128); the address by parse_ip_address rules. Host bits
// are cleared, not refused: feeds write "10.1.2.3/8" meaning the network.
Reject parse_cidr(std::string_view text, IpNetwork& network);

// The CIDR indicator: trimmed, refanged, parsed as above, written as "a.b.c.d/n" or, for IPv6, in
// the platform's uncompressed form: no "::", no leading zeros ("abc:def:10:0:0:0:0:0/48"; docs/threatconnect.md).
// A bare address without "/n" is refused (it is an Address), not widened to /32.
Reject normalize_cidr(std::string_view raw, std::string& out);

}  // namespace tcfeed::indicators
