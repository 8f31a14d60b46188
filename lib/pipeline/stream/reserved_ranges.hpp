#pragma once
// The built-in "reserved-ip-ranges" list and the interval set the allowlist keeps IP ranges in.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "lib/indicators/address.hpp"
#include "lib/indicators/cidr.hpp"

namespace tcfeed::pipeline {

struct ReservedRange {
  std::string_view cidr;  // as parse_cidr reads it
  std::string_view name;  // the registry's name and reference, for the documentation and logs
};

// The IANA IPv4 and IPv6 Special-Purpose Address Registries' blocks that are not globally
// reachable, plus multicast (224.0.0.0/4, ff00::/8): traffic to or from them never identifies a
// host on the Internet, so an indicator there is a feed's mistake. The reasons for every
// inclusion and omission are next to the table in reserved_ranges.cpp.
std::span<const ReservedRange> reserved_ranges();

// IPv6 prefixes whose addresses carry an IPv4 address right after the prefix (::ffff:0:0/96,
// 64:ff9b::/96, 2002::/16). IpRangeSet checks such an address's IPv4 against its IPv4 ranges
// instead of allowlisting the whole prefix: ::ffff:8.8.8.8 is as public as 8.8.8.8.
std::span<const ReservedRange> ipv4_embedding_prefixes();

// IP networks as sorted, merged, inclusive intervals per family, looked up by binary search: the
// policy stage asks this about every Address, CIDR and IP-host URL, so no allocation and no scan.
class IpRangeSet {
 public:
  // Adds a network. Queries see it only after finalize(), so bulk loads sort once.
  void add(const indicators::IpNetwork& network);
  // Sorts and merges overlapping and adjacent intervals.
  void finalize();

  bool contains(const indicators::IpAddress& ip) const;
  // True when every address of `network` is in the set (a range that extends outside is not).
  bool contains(const indicators::IpNetwork& network) const;

  bool empty() const { return v4_.empty() && v6_.empty(); }

 private:
  __extension__ typedef unsigned __int128 Uint128;

  std::vector<std::pair<std::uint32_t, std::uint32_t>> v4_;
  std::vector<std::pair<Uint128, Uint128>> v6_;
};

}  // namespace tcfeed::pipeline
