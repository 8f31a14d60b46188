#pragma once
// Adjacent IPv4 addresses as the fewest CIDR blocks (docs/exports.md, Formats: edl.collapse):
// 192.0.2.0 … 192.0.2.255 become 192.0.2.0/24, so a firewall's table holds one entry, not 256.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tcfeed::exports {

// A dotted-quad IPv4 address, or nothing.
std::optional<std::uint32_t> parse_ipv4(std::string_view text);

// The blocks covering exactly the given addresses (any order, duplicates allowed), in address
// order: "a.b.c.d" for a single address, "a.b.c.d/n" for a block.
std::vector<std::string> collapse_ipv4(std::vector<std::uint32_t> addresses);

}  // namespace tcfeed::exports
