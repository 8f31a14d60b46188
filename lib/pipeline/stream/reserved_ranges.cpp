#include "lib/pipeline/stream/reserved_ranges.hpp"

#include <algorithm>
#include <array>

namespace tcfeed::pipeline {
namespace {

// IANA IPv4 Special-Purpose Address Registry (RFC 6890 and updates) and the IPv4 Multicast Address
// Space Registry. Only blocks the registry marks "Globally Reachable: False" (or that cannot be a
// unicast host at all). Left out on purpose, because the registry marks them globally reachable
// and real services answer there: 192.31.196.0/24 (AS112-v4, RFC 7535), 192.52.193.0/24 (AMT,
// RFC 7450), 192.175.48.0/24 (Direct Delegation AS112 Service, RFC 7534). 192.0.0.9/32,
// 192.0.0.10/32 (PCP and TURN anycast, globally reachable) sit inside 192.0.0.0/24, which the
// registry lists as a whole as not globally reachable.
constexpr std::array kReservedRanges = {
    ReservedRange{"0.0.0.0/8", "\"This network\" (RFC 791); includes 0.0.0.0/32 \"This host\""},
    ReservedRange{"10.0.0.0/8", "Private-Use (RFC 1918)"},
    ReservedRange{"100.64.0.0/10", "Shared Address Space (RFC 6598)"},
    ReservedRange{"127.0.0.0/8", "Loopback (RFC 1122)"},
    ReservedRange{"169.254.0.0/16", "Link Local (RFC 3927)"},
    ReservedRange{"172.16.0.0/12", "Private-Use (RFC 1918)"},
    ReservedRange{"192.0.0.0/24", "IETF Protocol Assignments (RFC 6890); includes the DS-Lite /29"},
    ReservedRange{"192.0.2.0/24", "Documentation, TEST-NET-1 (RFC 5737)"},
    ReservedRange{"192.88.99.0/24", "Deprecated 6to4 Relay Anycast (RFC 7526)"},
    ReservedRange{"192.168.0.0/16", "Private-Use (RFC 1918)"},
    ReservedRange{"198.18.0.0/15", "Benchmarking (RFC 2544)"},
    ReservedRange{"198.51.100.0/24", "Documentation, TEST-NET-2 (RFC 5737)"},
    ReservedRange{"203.0.113.0/24", "Documentation, TEST-NET-3 (RFC 5737)"},
    ReservedRange{"224.0.0.0/4", "Multicast (RFC 5771; multicast registry, not unicast hosts)"},
    ReservedRange{"240.0.0.0/4", "Reserved (RFC 1112)"},
    ReservedRange{"255.255.255.255/32", "Limited Broadcast (RFC 919); inside 240.0.0.0/4"},
    // IANA IPv6 Special-Purpose Address Registry (RFC 6890 and updates) and multicast. Left out:
    // 64:ff9b::/96 and 2002::/16 (handled through their embedded IPv4, see kEmbeddings),
    // ::ffff:0:0/96 (same), 2620:4f:8000::/48 (AS112 Direct Delegation, globally reachable).
    // 2001::/23 is kept whole as the registry lists it; see the caveat on Teredo below.
    ReservedRange{"::/128", "Unspecified Address (RFC 4291)"},
    ReservedRange{"::1/128", "Loopback Address (RFC 4291)"},
    ReservedRange{"64:ff9b:1::/48", "IPv4-IPv6 Translation, local use (RFC 8215)"},
    ReservedRange{"100::/64", "Discard-Only Address Block (RFC 6666)"},
    // Contains Teredo 2001::/32 (RFC 4380), whose client addresses are real but obfuscated, and a
    // few globally reachable anycast and ORCHIDv2 blocks; none of them names an attacker's host.
    ReservedRange{"2001::/23", "IETF Protocol Assignments (RFC 2928)"},
    ReservedRange{"2001:db8::/32", "Documentation (RFC 3849)"},
    ReservedRange{"3fff::/20", "Documentation (RFC 9637)"},
    ReservedRange{"5f00::/16", "Segment Routing (SRv6) SIDs (RFC 9602)"},
    ReservedRange{"fc00::/7", "Unique-Local (RFC 4193)"},
    ReservedRange{"fe80::/10", "Link-Local Unicast (RFC 4291)"},
    ReservedRange{"ff00::/8", "Multicast (RFC 4291; multicast registry, not unicast hosts)"},
};

// The IPv4 address starts right after the prefix in each of these, so the offset of the IPv4
// bits equals the prefix length.
constexpr std::array kEmbeddingPrefixes = {
    ReservedRange{"::ffff:0:0/96", "IPv4-mapped Address (RFC 4291)"},
    ReservedRange{"64:ff9b::/96", "IPv4-IPv6 Translation, well-known prefix (RFC 6052)"},
    ReservedRange{"2002::/16", "6to4 (RFC 3056): the site's public IPv4 in bits 16-47"},
};

template <typename T>
constexpr T host_mask(unsigned host_bits) {
  // sizeof, not numeric_limits: strict -std=c++20 does not promise numeric_limits<__int128>.
  constexpr unsigned kBits = sizeof(T) * 8;
  return host_bits >= kBits ? ~T{0} : (T{1} << host_bits) - 1;
}

template <typename T>
void sort_and_merge(std::vector<std::pair<T, T>>& intervals) {
  std::sort(intervals.begin(), intervals.end());
  std::size_t kept = 0;
  for (std::size_t i = 0; i < intervals.size(); ++i) {
    if (kept > 0) {
      auto& last = intervals[kept - 1];
      // Adjacent intervals merge too, so a range spanning two entries is still one lookup.
      if (last.second == ~T{0} || intervals[i].first <= last.second + 1) {
        last.second = std::max(last.second, intervals[i].second);
        continue;
      }
    }
    intervals[kept++] = intervals[i];
  }
  intervals.resize(kept);
}

template <typename T>
bool covers(const std::vector<std::pair<T, T>>& intervals, T first, T last) {
  auto it = std::upper_bound(intervals.begin(), intervals.end(), first,
                             [](T value, const std::pair<T, T>& interval) { return value < interval.first; });
  if (it == intervals.begin()) return false;
  --it;
  return last <= it->second;
}

std::uint32_t v4_value(const indicators::IpAddress& ip) {
  return (std::uint32_t{ip.bytes[0]} << 24) | (std::uint32_t{ip.bytes[1]} << 16) | (std::uint32_t{ip.bytes[2]} << 8) |
         std::uint32_t{ip.bytes[3]};
}

}  // namespace

std::span<const ReservedRange> reserved_ranges() { return kReservedRanges; }

std::span<const ReservedRange> ipv4_embedding_prefixes() { return kEmbeddingPrefixes; }

void IpRangeSet::add(const indicators::IpNetwork& network) {
  const indicators::IpAddress& ip = network.network;
  if (!ip.is_v6) {
    const unsigned prefix = std::min(network.prefix_length, 32U);
    const std::uint32_t first = v4_value(ip) & ~host_mask<std::uint32_t>(32 - prefix);
    v4_.emplace_back(first, first | host_mask<std::uint32_t>(32 - prefix));
    return;
  }
  Uint128 value = 0;
  for (std::uint8_t byte : ip.bytes) value = (value << 8) | byte;
  const unsigned prefix = std::min(network.prefix_length, 128U);
  const Uint128 first = value & ~host_mask<Uint128>(128 - prefix);
  v6_.emplace_back(first, first | host_mask<Uint128>(128 - prefix));
}

void IpRangeSet::finalize() {
  sort_and_merge(v4_);
  sort_and_merge(v6_);
}

bool IpRangeSet::contains(const indicators::IpAddress& ip) const {
  return contains(indicators::IpNetwork{ip, ip.is_v6 ? 128U : 32U});
}

bool IpRangeSet::contains(const indicators::IpNetwork& network) const {
  const indicators::IpAddress& ip = network.network;
  if (!ip.is_v6) {
    const unsigned prefix = std::min(network.prefix_length, 32U);
    const std::uint32_t first = v4_value(ip) & ~host_mask<std::uint32_t>(32 - prefix);
    return covers(v4_, first, first | host_mask<std::uint32_t>(32 - prefix));
  }
  Uint128 value = 0;
  for (std::uint8_t byte : ip.bytes) value = (value << 8) | byte;
  const unsigned prefix = std::min(network.prefix_length, 128U);
  const Uint128 first = value & ~host_mask<Uint128>(128 - prefix);
  if (covers(v6_, first, first | host_mask<Uint128>(128 - prefix))) return true;

  // Embedding prefixes as (value, length); kept in step with kEmbeddingPrefixes (a test checks).
  struct Embedding {
    Uint128 prefix;
    unsigned length;
  };
  static constexpr std::array kEmbeddings = {
      Embedding{Uint128{0xffff} << 32, 96},
      Embedding{Uint128{0x0064ff9b} << 96, 96},
      Embedding{Uint128{0x2002} << 112, 16},
  };
  for (const Embedding& embedding : kEmbeddings) {
    const unsigned shift = 128 - embedding.length;
    if (prefix < embedding.length || (first >> shift) != (embedding.prefix >> shift)) continue;
    const auto v4 = static_cast<std::uint32_t>(first >> (96 - embedding.length));
    const unsigned v4_prefix = std::min(prefix - embedding.length, 32U);
    const std::uint32_t v4_first = v4 & ~host_mask<std::uint32_t>(32 - v4_prefix);
    return covers(v4_, v4_first, v4_first | host_mask<std::uint32_t>(32 - v4_prefix));
  }
  return false;
}

}  // namespace tcfeed::pipeline
