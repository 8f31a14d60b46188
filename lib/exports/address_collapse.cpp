#include "lib/exports/address_collapse.hpp"

#include <algorithm>
#include <charconv>

namespace tcfeed::exports {
namespace {

std::string dotted(std::uint32_t address) {
  return std::to_string(address >> 24) + "." + std::to_string((address >> 16) & 255) + "." +
         std::to_string((address >> 8) & 255) + "." + std::to_string(address & 255);
}

}  // namespace

std::optional<std::uint32_t> parse_ipv4(std::string_view text) {
  std::uint32_t address = 0;
  for (int part = 0; part < 4; ++part) {
    if (part > 0) {
      if (text.empty() || text.front() != '.') return std::nullopt;
      text.remove_prefix(1);
    }
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    const auto used = static_cast<std::size_t>(end - text.data());
    if (ec != std::errc() || used == 0 || used > 3 || value > 255 || (used > 1 && text.front() == '0')) {
      return std::nullopt;
    }
    address = (address << 8) | value;
    text.remove_prefix(used);
  }
  if (!text.empty()) return std::nullopt;
  return address;
}

std::vector<std::string> collapse_ipv4(std::vector<std::uint32_t> addresses) {
  std::sort(addresses.begin(), addresses.end());
  addresses.erase(std::unique(addresses.begin(), addresses.end()), addresses.end());
  std::vector<std::string> blocks;
  std::size_t i = 0;
  while (i < addresses.size()) {
    // The run of consecutive addresses starting here.
    std::size_t j = i;
    while (j + 1 < addresses.size() && addresses[j + 1] == addresses[j] + 1) ++j;
    std::uint64_t start = addresses[i];
    const std::uint64_t end = static_cast<std::uint64_t>(addresses[j]) + 1;  // exclusive
    while (start < end) {
      // The largest block aligned at `start` that fits in the run.
      int bits = 0;
      while (bits < 32 && (start & ((std::uint64_t{1} << (bits + 1)) - 1)) == 0 &&
             start + (std::uint64_t{1} << (bits + 1)) <= end) {
        ++bits;
      }
      const auto base = static_cast<std::uint32_t>(start);
      blocks.push_back(bits == 0 ? dotted(base) : dotted(base) + "/" + std::to_string(32 - bits));
      start += std::uint64_t{1} << bits;
    }
    i = j + 1;
  }
  return blocks;
}

}  // namespace tcfeed::exports
