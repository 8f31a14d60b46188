// Allowlist::explain: which entry or built-in range allowlisted a value (docs/audit.md). Kept apart
// from match(), the hot path, because it scans: it runs only for values match() already dropped.
#include "lib/pipeline/stream/allowlist.hpp"

#include "lib/indicators/address.hpp"
#include "lib/indicators/cidr.hpp"
#include "lib/indicators/file_hash.hpp"
#include "lib/indicators/url_host.hpp"

namespace tcfeed::pipeline {
namespace {

using indicators::IndicatorType;
using indicators::Reject;

// The built-in range that holds `ip`, as "reserved-ip-ranges <cidr> (<registry name>)".
std::optional<std::string> reserved_range_of(const indicators::IpAddress& ip) {
  for (const ReservedRange& range : reserved_ranges()) {
    indicators::IpNetwork network;
    if (indicators::parse_cidr(range.cidr, network) != Reject::None) continue;
    if (network.network.is_v6 == ip.is_v6 && network.contains(ip)) {
      return "reserved-ip-ranges " + std::string(range.cidr) + " (" + std::string(range.name) + ")";
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> Allowlist::explain_ip(const indicators::IpAddress& ip) const {
  for (const auto& [network, text] : entry_networks_) {
    if (network.network.is_v6 == ip.is_v6 && network.contains(ip)) return text;
  }
  if (reserved_added_) {
    if (auto range = reserved_range_of(ip)) return range;
    // An IPv6 address that carries a reserved IPv4 address (reserved_ranges.hpp, embedding prefixes).
    if (builtin_ranges_.contains(ip)) return std::string("reserved-ip-ranges (the IPv4 address it embeds)");
  }
  return std::nullopt;
}

std::optional<std::string> Allowlist::explain_suffix(std::string_view host) const {
  if (domain_suffixes_.empty()) return std::nullopt;
  while (true) {
    const auto dot = host.find('.');
    if (dot == std::string_view::npos) return std::nullopt;
    if (domain_suffixes_.contains(host)) return std::string(host);
    host.remove_prefix(dot + 1);
  }
}

std::optional<std::string> Allowlist::explain(IndicatorType type, std::string_view value) const {
  const auto reason = match(type, value);
  if (!reason) return std::nullopt;
  std::optional<std::string> entry;
  const auto index = static_cast<std::size_t>(type);
  const auto exact = [&](std::string_view text) -> std::optional<std::string> {
    if (!exact_[index].empty() && exact_[index].contains(text)) {
      return std::string(indicators::type_name(type)) + "=" + std::string(text);
    }
    return std::nullopt;
  };
  const auto ip_text = [&](std::string_view text) -> std::optional<std::string> {
    indicators::IpAddress ip;
    if (indicators::parse_ip_address(text, ip) != Reject::None) return std::nullopt;
    return explain_ip(ip);
  };
  switch (type) {
    case IndicatorType::Address: entry = ip_text(value); break;
    case IndicatorType::CIDR: {
      indicators::IpNetwork network;
      if (indicators::parse_cidr(value, network) != Reject::None) break;
      for (const auto& [held, text] : entry_networks_) {
        if (held.network.is_v6 == network.network.is_v6 && held.prefix_length <= network.prefix_length &&
            held.contains(network.network)) {
          entry = text;
          break;
        }
      }
      if (!entry && *reason == kReservedReason) entry = reserved_range_of(network.network);
      break;
    }
    case IndicatorType::Host: entry = explain_suffix(value); break;
    case IndicatorType::URL: {
      entry = exact(value);
      const std::string_view host = indicators::url_host(value);
      if (!entry && !host.empty()) entry = ip_text(host);
      if (!entry && !host.empty()) entry = explain_suffix(host);
      break;
    }
    case IndicatorType::EmailAddress: {
      entry = exact(value);
      const auto at = value.rfind('@');
      if (!entry && at != std::string_view::npos) entry = explain_suffix(value.substr(at + 1));
      break;
    }
    case IndicatorType::File:
      indicators::any_file_hash(value, [&](std::string_view hash) {
        if (!hashes_.contains(hash)) return false;
        entry = std::string(hash);
        return true;
      });
      break;
    default: entry = exact(value); break;
  }
  // A CIDR that spans two adjacent entries is held by neither alone: the reason is still true.
  return entry ? entry : std::optional<std::string>(std::string(*reason));
}

}  // namespace tcfeed::pipeline
