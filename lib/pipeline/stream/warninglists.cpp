#include "lib/pipeline/stream/warninglists.hpp"

#include <algorithm>
#include <utility>

#include "lib/indicators/address.hpp"
#include "lib/indicators/cidr.hpp"
#include "lib/indicators/file_hash.hpp"
#include "lib/indicators/normalize.hpp"
#include "lib/indicators/text.hpp"
#include "lib/indicators/url_host.hpp"
#include "lib/pipeline/stream/builtin_warninglists.hpp"

namespace tcfeed::pipeline {
namespace {

using indicators::IndicatorType;
using indicators::Reject;

constexpr std::uint32_t bit(IndicatorType type) { return 1U << static_cast<unsigned>(type); }

constexpr std::uint32_t kAllTypes = (1U << indicators::kAllIndicatorTypes.size()) - 1;
constexpr std::uint32_t kHostTypes =
    bit(IndicatorType::Host) | bit(IndicatorType::URL) | bit(IndicatorType::EmailAddress);
constexpr std::uint32_t kNetworkTypes = bit(IndicatorType::Address) | bit(IndicatorType::CIDR);

// The indicator types a MISP attribute type's values become (docs/architecture.md, Warninglists).
std::uint32_t types_of_attribute(std::string_view attribute) {
  static const std::unordered_map<std::string_view, std::uint32_t> kTable = {
      {"ip-src", bit(IndicatorType::Address)},
      {"ip-dst", bit(IndicatorType::Address)},
      {"ip-src|port", bit(IndicatorType::Address)},
      {"ip-dst|port", bit(IndicatorType::Address)},
      {"domain|ip", bit(IndicatorType::Address) | bit(IndicatorType::Host)},
      {"domain", bit(IndicatorType::Host)},
      {"hostname", bit(IndicatorType::Host)},
      {"hostname|port", bit(IndicatorType::Host)},
      {"url", bit(IndicatorType::URL)},
      {"uri", bit(IndicatorType::URL)},
      {"link", bit(IndicatorType::URL)},
      {"md5", bit(IndicatorType::File)},
      {"sha1", bit(IndicatorType::File)},
      {"sha256", bit(IndicatorType::File)},
      {"filename|md5", bit(IndicatorType::File)},
      {"filename|sha1", bit(IndicatorType::File)},
      {"filename|sha256", bit(IndicatorType::File)},
      {"email", bit(IndicatorType::EmailAddress)},
      {"email-src", bit(IndicatorType::EmailAddress)},
      {"email-dst", bit(IndicatorType::EmailAddress)},
      {"target-email", bit(IndicatorType::EmailAddress)},
      {"whois-registrant-email", bit(IndicatorType::EmailAddress)},
      {"email-subject", bit(IndicatorType::EmailSubject)},
      {"AS", bit(IndicatorType::ASN)},
      {"mutex", bit(IndicatorType::Mutex)},
      {"regkey", bit(IndicatorType::RegistryKey)},
      {"user-agent", bit(IndicatorType::UserAgent)},
  };
  const auto found = kTable.find(attribute);
  return found == kTable.end() ? 0 : found->second;
}

std::uint32_t types_of(const MispWarninglist& list) {
  std::uint32_t wanted = kAllTypes;
  if (!list.matching_attributes.empty()) {
    wanted = 0;
    for (const auto& attribute : list.matching_attributes) wanted |= types_of_attribute(attribute);
  }
  switch (list.kind) {
    // An address list applies to the networks that lie within it too.
    case WarninglistKind::Cidr:
      return (wanted & bit(IndicatorType::Address)) != 0 || wanted == kAllTypes ? kNetworkTypes : 0;
    case WarninglistKind::Hostname: return wanted & kHostTypes;
    default: return wanted;
  }
}

void ascii_lower(std::string& text) {
  std::transform(text.begin(), text.end(), text.begin(), indicators::text::to_lower);
}

bool contains_ascii_nocase(std::string_view haystack, std::string_view lower_needle) {
  if (lower_needle.empty() || lower_needle.size() > haystack.size()) return false;
  const auto found = std::search(haystack.begin(), haystack.end(), lower_needle.begin(), lower_needle.end(),
                                 [](char a, char b) { return indicators::text::to_lower(a) == b; });
  return found != haystack.end();
}

}  // namespace

std::vector<std::string_view> Warninglists::builtin_names() {
  std::vector<std::string_view> names;
  for (const auto& builtin : builtin_warninglists()) names.push_back(builtin.id);
  return names;
}

bool Warninglists::add_builtin(std::string_view id) {
  for (const auto& builtin : builtin_warninglists()) {
    if (builtin.id != id) continue;
    MispWarninglist list;
    list.name = builtin.name;
    list.kind = builtin.kind;
    list.matching_attributes.assign(builtin.matching_attributes.begin(), builtin.matching_attributes.end());
    list.entries.assign(builtin.entries.begin(), builtin.entries.end());
    add(std::string(id), list);
    return true;
  }
  return false;
}

void Warninglists::add(std::string id, const MispWarninglist& list) {
  if (std::any_of(lists_.begin(), lists_.end(), [&](const auto& info) { return info.id == id; })) {
    throw WarninglistError("two warninglists are named '" + id + "'; each needs its own name");
  }
  const auto index = static_cast<Index>(lists_.size());
  WarninglistInfo info;
  info.id = id;
  info.name = list.name;
  info.reason = "warninglist:" + id;
  info.tag = "Warninglist: " + id;
  info.types = types_of(list);

  Ranges ranges{{}, index};
  for (const auto& entry : list.entries) {
    bool usable = false;
    switch (list.kind) {
      case WarninglistKind::String:
        for (const auto type : indicators::kAllIndicatorTypes) {
          if ((info.types & bit(type)) == 0 || indicators::normalize(type, entry, scratch_) != Reject::None) continue;
          if (type == IndicatorType::File) {
            indicators::any_file_hash(scratch_, [&](std::string_view hash) {
              insert(exact_[static_cast<std::size_t>(type)], hash, index);
              return false;
            });
          } else {
            insert(exact_[static_cast<std::size_t>(type)], scratch_, index);
          }
          usable = true;
        }
        break;
      case WarninglistKind::Substring:
        if (!entry.empty()) {
          needles_.push_back({entry, index});
          ascii_lower(needles_.back().lower);
          usable = true;
        }
        break;
      case WarninglistKind::Hostname: {
        std::string_view host = entry;
        if (host.starts_with("*.")) host.remove_prefix(2);
        if (host.starts_with('.')) host.remove_prefix(1);
        if (indicators::normalize(IndicatorType::Host, host, scratch_) == Reject::None) {
          insert(suffixes_, scratch_, index);
          usable = true;
        }
        break;
      }
      case WarninglistKind::Cidr: {
        indicators::IpNetwork network;
        indicators::IpAddress ip;
        if (indicators::parse_cidr(entry, network) == Reject::None) {
          ranges.set.add(network);
          usable = true;
        } else if (indicators::parse_ip_address(entry, ip) == Reject::None) {
          ranges.set.add(indicators::IpNetwork{ip, ip.is_v6 ? 128U : 32U});
          usable = true;
        }
        break;
      }
    }
    if (usable) {
      ++info.entries;
    } else {
      ++info.unusable;
    }
  }
  if (info.entries > 0) {
    if (list.kind == WarninglistKind::Hostname) suffix_types_ |= info.types;
    if (list.kind == WarninglistKind::Cidr) range_types_ |= info.types;
    if (list.kind == WarninglistKind::Substring) needle_types_ |= info.types;
  }
  if (!ranges.set.empty()) {
    ranges.set.finalize();
    ranges_.push_back(std::move(ranges));
  }
  lists_.push_back(std::move(info));
}

bool Warninglists::set_tag_only(std::string_view id) {
  for (auto& info : lists_) {
    if (info.id != id) continue;
    info.action = WarninglistAction::Tag;
    return true;
  }
  return false;
}

void Warninglists::insert(ValueLists& values, std::string_view value, Index list) {
  const auto [first, last] = values.equal_range(value);
  if (std::any_of(first, last, [&](const auto& item) { return item.second == list; })) return;
  values.emplace(std::string(value), list);
}

void Warninglists::better(const WarninglistInfo*& best, Index candidate, IndicatorType type) const {
  const WarninglistInfo& info = lists_[candidate];
  if ((info.types & bit(type)) == 0) return;
  if (best == nullptr || (best->action == WarninglistAction::Tag && info.action == WarninglistAction::Drop)) {
    best = &info;
  }
}

void Warninglists::match_values(const ValueLists& values, std::string_view value, IndicatorType type,
                                const WarninglistInfo*& best) const {
  if (values.empty()) return;
  const auto [first, last] = values.equal_range(value);
  for (auto item = first; item != last; ++item) better(best, item->second, type);
}

// The host and each parent domain: one lookup per label, on label boundaries only.
void Warninglists::match_suffixes(std::string_view host, IndicatorType type, const WarninglistInfo*& best) const {
  if ((suffix_types_ & bit(type)) == 0) return;
  while (true) {
    match_values(suffixes_, host, type, best);
    const auto dot = host.find('.');
    if (dot == std::string_view::npos) return;
    host.remove_prefix(dot + 1);
  }
}

void Warninglists::match_address(std::string_view text, IndicatorType type, const WarninglistInfo*& best) const {
  if ((range_types_ & bit(type)) == 0) return;
  indicators::IpAddress ip;
  if (indicators::parse_ip_address(text, ip) != Reject::None) return;
  for (const auto& ranges : ranges_) {
    if (ranges.set.contains(ip)) better(best, ranges.list, type);
  }
}

const WarninglistInfo* Warninglists::match(IndicatorType type, std::string_view value) const {
  const WarninglistInfo* best = nullptr;
  const auto& exact = exact_[static_cast<std::size_t>(type)];
  switch (type) {
    case IndicatorType::File:
      if (!exact.empty()) {
        indicators::any_file_hash(value, [&](std::string_view hash) {
          match_values(exact, hash, type, best);
          return false;  // every hash: a later one may be on a dropping list
        });
      }
      break;
    case IndicatorType::Address:
      match_values(exact, value, type, best);
      match_address(value, type, best);
      break;
    case IndicatorType::CIDR: {
      indicators::IpNetwork network;
      if ((range_types_ & bit(type)) != 0 && indicators::parse_cidr(value, network) == Reject::None) {
        for (const auto& ranges : ranges_) {
          if (ranges.set.contains(network)) better(best, ranges.list, type);
        }
      }
      break;
    }
    case IndicatorType::Host:
      match_values(exact, value, type, best);
      match_suffixes(value, type, best);
      break;
    case IndicatorType::URL: {
      match_values(exact, value, type, best);
      if (((suffix_types_ | range_types_) & bit(type)) == 0) break;
      const std::string_view host = indicators::url_host(value);
      if (host.empty()) break;
      match_suffixes(host, type, best);
      match_address(host, type, best);
      break;
    }
    case IndicatorType::EmailAddress: {
      match_values(exact, value, type, best);
      const auto at = value.rfind('@');
      if (at != std::string_view::npos) match_suffixes(value.substr(at + 1), type, best);
      break;
    }
    default: match_values(exact, value, type, best); break;
  }
  if ((needle_types_ & bit(type)) == 0) return best;
  for (const auto& needle : needles_) {
    if ((lists_[needle.list].types & bit(type)) != 0 && contains_ascii_nocase(value, needle.lower)) {
      better(best, needle.list, type);
    }
  }
  return best;
}

}  // namespace tcfeed::pipeline
