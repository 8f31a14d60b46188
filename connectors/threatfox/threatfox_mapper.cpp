#include "connectors/threatfox/threatfox_mapper.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "connectors/malware_family.hpp"
#include "connectors/record_id.hpp"
#include "lib/indicators/text.hpp"

namespace tcfeed::connectors::threatfox {
namespace {

using indicators::text::iequals;
using indicators::text::is_digit;
using indicators::text::trim;

constexpr std::array<std::string_view, static_cast<std::size_t>(IocType::kCount)> kIocTypeNames = {
    "ip:port", "domain", "url", "md5_hash", "sha1_hash", "sha256_hash"};

bool is_none(std::string_view value) { return value.empty() || value == "None" || value == "null"; }

std::optional<std::int64_t> parse_int(std::string_view text) {
  text = trim(text);
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

indicators::IndicatorType indicator_type(IocType type) {
  switch (type) {
    case IocType::IpPort: return indicators::IndicatorType::Address;
    case IocType::Domain: return indicators::IndicatorType::Host;
    case IocType::Url: return indicators::IndicatorType::URL;
    default: return indicators::IndicatorType::File;
  }
}

void add_tag(std::vector<std::string_view>& tags, std::string_view tag) {
  tag = trim(tag);
  if (is_none(tag)) return;
  const bool seen = std::any_of(tags.begin(), tags.end(), [&](std::string_view t) { return iequals(t, tag); });
  if (!seen) tags.push_back(tag);
}

}  // namespace

std::optional<IocType> parse_ioc_type(std::string_view name) {
  name = trim(name);
  for (std::size_t i = 0; i < kIocTypeNames.size(); ++i) {
    if (name == kIocTypeNames[i]) return static_cast<IocType>(i);
  }
  return std::nullopt;
}

std::optional<std::pair<std::string_view, std::string_view>> split_ip_port(std::string_view text) {
  text = trim(text);
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::string_view address = text.substr(0, colon);
  const std::string_view port = text.substr(colon + 1);
  if (port.empty() || port.size() > 5 || !std::all_of(port.begin(), port.end(), is_digit)) return std::nullopt;
  if (!address.empty() && address.front() == '[') {
    if (address.size() < 3 || address.back() != ']') return std::nullopt;
    address = address.substr(1, address.size() - 2);
  }
  // Brackets only ever wrap a whole IPv6 address; any left inside mean garbage (found by fuzzing).
  if (address.empty() || address.find_first_of("[]") != std::string_view::npos) return std::nullopt;
  return std::pair{address, port};
}

void split_tag_list(std::string_view field, std::vector<std::string_view>& out) {
  while (!field.empty()) {
    const auto comma = field.find(',');
    const std::string_view tag = trim(field.substr(0, comma));
    if (!is_none(tag)) out.push_back(tag);
    if (comma == std::string_view::npos) break;
    field.remove_prefix(comma + 1);
  }
}

MapResult ThreatfoxMapper::map(const ThreatfoxRecord& record, pipeline::CandidateSink& sink) {
  MapResult result;
  const auto id = parse_id(record.id);
  if (!id) {
    sink.unmapped(pipeline::Unmapped::Malformed);
    return result;
  }
  result.id = *id;
  if (*id <= options_.after_id) {
    sink.unmapped(pipeline::Unmapped::AlreadyRead);
    result.verdict = Verdict::Old;
    return result;
  }
  const std::string_view ioc = trim(record.ioc);
  if (!record.complete || ioc.empty()) {
    sink.unmapped(pipeline::Unmapped::Malformed);
    return result;
  }
  const auto type = parse_ioc_type(record.ioc_type);
  if (!type) {
    sink.unmapped(pipeline::Unmapped::UnknownIocType);
    return result;
  }
  if (!options_.ioc_types.test(static_cast<std::size_t>(*type))) {
    sink.unmapped(pipeline::Unmapped::IocTypeNotSelected);
    result.verdict = Verdict::Filtered;
    return result;
  }
  const auto confidence = parse_int(record.confidence_level);
  const bool in_range = confidence && *confidence >= 0 && *confidence <= 100;
  if (options_.min_confidence > 0 && (!in_range || *confidence < options_.min_confidence)) {
    sink.unmapped(pipeline::Unmapped::BelowMinConfidence);
    result.verdict = Verdict::Filtered;
    return result;
  }

  candidate_.type = indicator_type(*type);
  candidate_.value = ioc;
  candidate_.confidence = in_range ? std::optional<int>(static_cast<int>(*confidence)) : std::nullopt;
  candidate_.attributes.clear();
  if (*type == IocType::IpPort) {
    const auto split = split_ip_port(ioc);
    if (!split) {
      sink.unmapped(pipeline::Unmapped::MalformedIpPort);
      return result;
    }
    candidate_.value = split->first;
    candidate_.attributes.emplace_back("Port", split->second);
  }
  if (const auto reference = trim(record.reference); !is_none(reference)) {
    candidate_.attributes.emplace_back("Source", reference);
  }
  candidate_.tags.clear();
  add_tag(candidate_.tags, record.threat_type);
  if (const auto malware = trim(record.malware_printable); malware != "Unknown malware") {
    add_tag(candidate_.tags, malware);
  }
  for (const auto tag : record.tags) add_tag(candidate_.tags, tag);
  set_malware_family(candidate_, record.malware_printable, options_.groups);
  sink.accept(candidate_);
  result.verdict = Verdict::Mapped;
  return result;
}

}  // namespace tcfeed::connectors::threatfox
