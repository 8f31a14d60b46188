#include "connectors/otx/otx_mapper.hpp"

#include <array>
#include <cstdint>
#include <utility>

#include "connectors/json_fields.hpp"

namespace tcfeed::connectors::otx {
namespace {

using indicators::IndicatorType;
using pipeline::Unmapped;

// OTX's indicator type names, as its API writes them (docs/feeds.md, AlienVault OTX).
constexpr std::array<std::pair<std::string_view, IndicatorType>, 11> kTypes = {{
    {"IPv4", IndicatorType::Address},
    {"IPv6", IndicatorType::Address},
    {"domain", IndicatorType::Host},
    {"hostname", IndicatorType::Host},
    {"URL", IndicatorType::URL},
    {"URI", IndicatorType::URL},
    {"email", IndicatorType::EmailAddress},
    {"FileHash-MD5", IndicatorType::File},
    {"FileHash-SHA1", IndicatorType::File},
    {"FileHash-SHA256", IndicatorType::File},
    {"CIDR", IndicatorType::CIDR},
}};

// is_active as OTX writes it (1/0), or a boolean; absent means active.
bool inactive(simdjson::dom::element indicator) {
  std::int64_t number = 1;
  if (indicator["is_active"].get(number) == simdjson::SUCCESS) return number == 0;
  bool flag = true;
  if (indicator["is_active"].get(flag) == simdjson::SUCCESS) return !flag;
  return false;
}

// attack_ids: "T1566" strings, or objects whose `id` is the technique.
void attack_ids(simdjson::dom::element pulse, std::size_t limit, std::vector<std::string_view>& out) {
  out.clear();
  simdjson::dom::array ids;
  if (pulse["attack_ids"].get(ids) != simdjson::SUCCESS) return;
  for (auto item : ids) {
    if (out.size() >= limit) break;
    std::string_view id;
    if (item.get(id) != simdjson::SUCCESS) id = json_string(item, "id");
    if (!id.empty()) out.push_back(id);
  }
}

}  // namespace

std::optional<StixTime> parse_otx_time(std::string_view text) {
  if (text.size() > 40) return std::nullopt;
  std::string zulu(text);
  if (zulu.size() > 6 && zulu.compare(zulu.size() - 6, 6, "+00:00") == 0) zulu.resize(zulu.size() - 6);
  if (zulu.empty() || zulu.back() != 'Z') zulu += 'Z';
  return taxii::parse_stix_time(zulu);
}

std::optional<IndicatorType> otx_indicator_type(std::string_view otx_type) {
  for (const auto& [name, type] : kTypes) {
    if (name == otx_type) return type;
  }
  return std::nullopt;
}

std::string_view cut_utf8(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t end = limit;
  // Back off continuation bytes (10xxxxxx) so the cut falls before a character's first byte.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

OtxPulseResult OtxMapper::map(simdjson::dom::element pulse, pipeline::CandidateSink& sink) {
  OtxPulseResult result;
  simdjson::dom::array indicators;
  const std::string_view id = json_string(pulse, "id");
  if (!pulse.is_object() || id.empty() || pulse["indicators"].get(indicators) != simdjson::SUCCESS) {
    sink.unmapped(Unmapped::Malformed);
    result.records = 1;
    return result;
  }
  result.modified = parse_otx_time(json_string(pulse, "modified"));
  if (options_.not_before && (!result.modified || *result.modified < *options_.not_before)) {
    // Older than what the poll asked for (or undated, so it cannot be placed after it).
    for (auto indicator : indicators) {
      (void)indicator;
      sink.unmapped(result.modified ? options_.before_reason : Unmapped::Malformed);
      ++result.records;
    }
    return result;
  }

  candidate_.tags.clear();
  json_strings(pulse, "tags", candidate_.tags);
  if (candidate_.tags.size() > options_.max_tags) candidate_.tags.resize(options_.max_tags);
  attack_ids(pulse, options_.max_techniques, candidate_.attack_techniques);
  candidate_.attack_tactic.reset();
  candidate_.groups.clear();
  const std::string_view name = json_string(pulse, "name");
  if (options_.groups && !name.empty()) {
    auto& group = candidate_.groups.emplace_back();
    group.type = indicators::GroupType::Report;
    group.name = name;
    group.source_id = id;
    link_ = options_.pulse_link_prefix;
    link_ += id;
    description_ = cut_utf8(json_string(pulse, "description"), options_.max_description);
    if (!description_.empty()) group.attributes.emplace_back("Description", description_);
    group.attributes.emplace_back("Source", link_);
    const auto created = parse_otx_time(json_string(pulse, "created"));
    published_ = created ? taxii::format_stix_time(*created) : std::string();
    group.date = published_;
  }

  for (auto indicator : indicators) {
    ++result.records;
    const std::string_view value = json_string(indicator, "indicator");
    const std::string_view otx_type = json_string(indicator, "type");
    if (!indicator.is_object() || otx_type.empty()) {
      sink.unmapped(Unmapped::Malformed);
      continue;
    }
    if (inactive(indicator)) {
      sink.unmapped(Unmapped::Inactive);
      continue;
    }
    const std::string_view expiration = json_string(indicator, "expiration");
    if (!expiration.empty()) {
      const auto until = parse_otx_time(expiration);
      if (!until) {
        sink.unmapped(Unmapped::Malformed);
        continue;
      }
      if (*until <= options_.now) {
        sink.unmapped(Unmapped::Expired);
        continue;
      }
    }
    const auto type = otx_indicator_type(otx_type);
    if (!type) {
      sink.unmapped(Unmapped::OtxTypeUnsupported);
      continue;
    }
    if (value.empty()) {
      sink.unmapped(Unmapped::MissingValue);
      continue;
    }
    candidate_.type = *type;
    candidate_.value = value;
    sink.accept(candidate_);
  }
  return result;
}

}  // namespace tcfeed::connectors::otx
