#include "lib/indicators/cidr.hpp"

#include "lib/indicators/refang.hpp"
#include "lib/indicators/text.hpp"

namespace tcfeed::indicators {
namespace {

constexpr std::size_t kMaxRawCidr = 256;

void clear_host_bits(IpAddress& ip, unsigned prefix_length) {
  const unsigned total_bits = ip.is_v6 ? 128 : 32;
  for (unsigned bit = prefix_length; bit < total_bits; ++bit) {
    ip.bytes[bit / 8] = static_cast<std::uint8_t>(ip.bytes[bit / 8] & ~(0x80u >> (bit % 8)));
  }
}

}  // namespace

bool IpNetwork::contains(const IpAddress& ip) const {
  if (ip.is_v6 != network.is_v6) return false;
  IpAddress masked = ip;
  clear_host_bits(masked, prefix_length);
  return masked == network;
}

Reject parse_cidr(std::string_view text, IpNetwork& network) {
  network = IpNetwork{};
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) {
    IpAddress ip;
    return parse_ip_address(text, ip) == Reject::None ? Reject::CidrMissingPrefix : Reject::InvalidAddress;
  }
  if (const Reject reason = parse_ip_address(text.substr(0, slash), network.network); reason != Reject::None) {
    return reason;
  }
  const auto prefix = text.substr(slash + 1);
  if (prefix.empty() || prefix.size() > 3) return Reject::CidrInvalidPrefix;
  unsigned value = 0;
  for (char c : prefix) {
    if (!text::is_digit(c)) return Reject::CidrInvalidPrefix;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value > (network.network.is_v6 ? 128u : 32u)) return Reject::CidrInvalidPrefix;
  network.prefix_length = value;
  clear_host_bits(network.network, value);
  return Reject::None;
}

Reject normalize_cidr(std::string_view raw, std::string& out) {
  out.clear();
  std::string_view value;
  // `out` is scratch until the result is written below.
  if (const Reject reason = trim_and_refang(raw, kMaxRawCidr, out, value); reason != Reject::None) return reason;
  IpNetwork network;
  if (const Reject reason = parse_cidr(value, network); reason != Reject::None) return reason;
  out.clear();
  append_ip_address_uncompressed(network.network, out);
  out.push_back('/');
  if (network.prefix_length >= 100) out.push_back(static_cast<char>('0' + network.prefix_length / 100));
  if (network.prefix_length >= 10) {
    out.push_back(static_cast<char>('0' + network.prefix_length / 10 % 10));
  }
  out.push_back(static_cast<char>('0' + network.prefix_length % 10));
  return Reject::None;
}

}  // namespace tcfeed::indicators
