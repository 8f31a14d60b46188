#include "lib/pipeline/stream/allowlist.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "lib/indicators/address.hpp"
#include "lib/indicators/cidr.hpp"
#include "lib/indicators/file_hash.hpp"
#include "lib/indicators/normalize.hpp"
#include "lib/indicators/text.hpp"
#include "lib/indicators/url_host.hpp"

namespace tcfeed::pipeline {
namespace {

using indicators::IndicatorType;
using indicators::Reject;

constexpr std::string_view kReservedName = "reserved-ip-ranges";
using indicators::text::trim;

bool is_hex_digest(std::string_view text) {
  if (text.size() != 32 && text.size() != 40 && text.size() != 64) return false;
  for (char c : text) {
    if (!indicators::text::is_hex(c)) return false;
  }
  return true;
}

// '#' opens a comment at the start of a line or after whitespace; "http://x/#top" keeps its '#'.
std::string_view strip_comment(std::string_view line) {
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) return line.substr(0, i);
  }
  return line;
}

std::string quoted(std::string_view value) {
  std::string out = "\"";
  out += value;
  out += '"';
  return out;
}

// What an inferred entry was taken for, worded as what was expected of it.
std::string_view expectation(IndicatorType type) {
  switch (type) {
    case IndicatorType::URL: return "a URL such as http://example.com/path";
    case IndicatorType::EmailAddress: return "an email address such as user@example.com";
    case IndicatorType::CIDR: return "a CIDR range such as 192.0.2.0/24";
    case IndicatorType::File: return "an MD5, SHA1 or SHA256 hash";
    default:
      return "an IP address, CIDR range, MD5/SHA1/SHA256 hash, URL, email address, domain name "
             "or Type=value";
  }
}

}  // namespace

bool Allowlist::add_builtin(std::string_view name) {
  if (name != kReservedName) return false;
  if (reserved_added_) return true;
  for (const ReservedRange& range : reserved_ranges()) {
    indicators::IpNetwork network;
    // The table is ours and covered by a test; a range that does not parse is a broken invariant.
    if (indicators::parse_cidr(range.cidr, network) != Reject::None) {
      throw std::logic_error("reserved_ranges(): bad CIDR " + std::string(range.cidr));
    }
    builtin_ranges_.add(network);
    ++size_;
  }
  builtin_ranges_.finalize();
  reserved_added_ = true;
  return true;
}

std::vector<std::string_view> Allowlist::builtin_names() { return {kReservedName}; }

std::optional<std::string> Allowlist::add(std::string_view entry) {
  auto error = add_entry(entry);
  finalize_ranges();
  return error;
}

void Allowlist::add_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw AllowlistError(path + ": is a directory, expected a file");
  std::ifstream in(path);
  if (!in) throw AllowlistError(path + ": cannot open: " + std::strerror(errno));
  std::string line;
  std::size_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    std::string_view text = line;
    if (line_number == 1 && text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8 BOM
    text = trim(strip_comment(text));
    if (text.empty()) continue;
    if (auto error = add_entry(text)) {
      finalize_ranges();
      throw AllowlistError(path + ":" + std::to_string(line_number) + ": " + *error);
    }
  }
  finalize_ranges();
  if (in.bad()) throw AllowlistError(path + ": read error after line " + std::to_string(line_number));
}

IndicatorType Allowlist::inferred_type(std::string_view value) {
  if (value.find("://") != std::string_view::npos) return IndicatorType::URL;
  if (value.find('@') != std::string_view::npos) return IndicatorType::EmailAddress;
  if (is_hex_digest(value)) return IndicatorType::File;
  std::string scratch;
  if (indicators::normalize(IndicatorType::Address, value, scratch) == Reject::None) return IndicatorType::Address;
  if (value.find('/') != std::string_view::npos) return IndicatorType::CIDR;
  return IndicatorType::Host;
}

std::optional<std::string> Allowlist::add_entry(std::string_view entry) {
  entry = trim(entry);
  if (entry.empty()) return std::string("expected an entry, got an empty one");

  const auto equals = entry.find('=');
  if (equals != std::string_view::npos) {
    if (auto type = indicators::parse_indicator_type(trim(entry.substr(0, equals)))) {
      const std::string_view value = trim(entry.substr(equals + 1));
      const Reject reason = store(*type, value);
      if (reason == Reject::None) return std::nullopt;
      return "expected a " + std::string(indicators::type_name(*type)) + " value after '=', got " + quoted(value) +
             " (" + std::string(indicators::reject_text(reason)) + ")";
    }
  }

  const IndicatorType type = inferred_type(entry);
  const Reject reason = store(type, entry);
  if (reason == Reject::None) return std::nullopt;
  std::string error = "expected " + std::string(expectation(type)) + ", got " + quoted(entry) + " (" +
                      std::string(indicators::reject_text(reason)) + ")";
  // "Fqdn=x" is most likely a misspelt type name, not a strange domain: say so.
  if (equals != std::string_view::npos && type == IndicatorType::Host) {
    const std::string_view prefix = trim(entry.substr(0, equals));
    if (!prefix.empty() && prefix.find_first_of("./:") == std::string_view::npos) {
      error = "unknown indicator type " + quoted(prefix) +
              " before '=', expected one of: " + std::string(indicators::all_type_names_joined());
    }
  }
  return error;
}

Reject Allowlist::store(IndicatorType type, std::string_view value) {
  // Suffix entries cover subdomains already; "*.example.com" is how people write that elsewhere.
  if (type == IndicatorType::Host) {
    if (value.starts_with("*.")) {
      value.remove_prefix(2);
    } else if (value.starts_with('.')) {
      value.remove_prefix(1);
    }
  }
  if (const Reject reason = indicators::normalize(type, value, scratch_); reason != Reject::None) return reason;
  // normalize() accepted it, so the parses below cannot fail unless the indicators module broke.
  switch (type) {
    case IndicatorType::Address: {
      indicators::IpAddress ip;
      if (indicators::parse_ip_address(scratch_, ip) != Reject::None) {
        throw std::logic_error("normalized address does not parse: " + scratch_);
      }
      entry_ranges_.add(indicators::IpNetwork{ip, ip.is_v6 ? 128U : 32U});
      entry_networks_.emplace_back(indicators::IpNetwork{ip, ip.is_v6 ? 128U : 32U}, scratch_);
      break;
    }
    case IndicatorType::CIDR: {
      indicators::IpNetwork network;
      if (indicators::parse_cidr(scratch_, network) != Reject::None) {
        throw std::logic_error("normalized CIDR does not parse: " + scratch_);
      }
      entry_ranges_.add(network);
      entry_networks_.emplace_back(network, scratch_);
      break;
    }
    case IndicatorType::Host: domain_suffixes_.insert(scratch_); break;
    case IndicatorType::File:
      indicators::any_file_hash(scratch_, [this](std::string_view hash) {
        hashes_.emplace(hash);
        return false;
      });
      break;
    default: exact_[static_cast<std::size_t>(type)].insert(scratch_); break;
  }
  ++size_;
  return Reject::None;
}

void Allowlist::finalize_ranges() { entry_ranges_.finalize(); }

std::optional<std::string_view> Allowlist::match(IndicatorType type, std::string_view value) const {
  const auto index = static_cast<std::size_t>(type);
  if (index >= exact_.size()) return std::nullopt;
  switch (type) {
    case IndicatorType::Address: return match_ip_text(value);
    case IndicatorType::CIDR: {
      indicators::IpNetwork network;
      if (indicators::parse_cidr(value, network) != Reject::None) return std::nullopt;
      if (entry_ranges_.contains(network)) return kEntryReason;
      if (builtin_ranges_.contains(network)) return kReservedReason;
      return std::nullopt;
    }
    case IndicatorType::Host:
      if (under_domain_suffix(value)) return kEntryReason;
      return std::nullopt;
    case IndicatorType::URL: {
      if (!exact_[index].empty() && exact_[index].contains(value)) return kEntryReason;
      const std::string_view host = indicators::url_host(value);
      if (host.empty()) return std::nullopt;
      if (auto reason = match_ip_text(host)) return reason;
      if (under_domain_suffix(host)) return kEntryReason;
      return std::nullopt;
    }
    case IndicatorType::EmailAddress: {
      if (!exact_[index].empty() && exact_[index].contains(value)) return kEntryReason;
      const auto at = value.rfind('@');
      if (at != std::string_view::npos && under_domain_suffix(value.substr(at + 1))) return kEntryReason;
      return std::nullopt;
    }
    case IndicatorType::File:
      if (!hashes_.empty() &&
          indicators::any_file_hash(value, [this](std::string_view hash) { return hashes_.contains(hash); })) {
        return kEntryReason;
      }
      return std::nullopt;
    default:
      // Not hashing a value against an empty set matters at a million rows a second.
      if (!exact_[index].empty() && exact_[index].contains(value)) return kEntryReason;
      return std::nullopt;
  }
}

// Operator entries are asked first: their reason says more than the built-in list's.
std::optional<std::string_view> Allowlist::match_ip_text(std::string_view text) const {
  indicators::IpAddress ip;
  if (indicators::parse_ip_address(text, ip) != Reject::None) return std::nullopt;
  if (entry_ranges_.contains(ip)) return kEntryReason;
  if (builtin_ranges_.contains(ip)) return kReservedReason;
  return std::nullopt;
}

// Probes the host and each parent domain ("a.b.example.com", "b.example.com", ...): one hash
// lookup per label, and label boundaries by construction ("notexample.com" never probes
// "example.com"). Entries have two labels at least, so the top-level label is not probed.
bool Allowlist::under_domain_suffix(std::string_view host) const {
  if (domain_suffixes_.empty()) return false;
  while (true) {
    const auto dot = host.find('.');
    if (dot == std::string_view::npos) return false;
    if (domain_suffixes_.contains(host)) return true;
    host.remove_prefix(dot + 1);
  }
}

}  // namespace tcfeed::pipeline
