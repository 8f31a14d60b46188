#include "connectors/misp/misp_event_mapper.hpp"

#include <array>
#include <charconv>
#include <utility>

#include "connectors/json_fields.hpp"

namespace tcfeed::connectors::misp {
namespace {

using indicators::IndicatorType;
using pipeline::Unmapped;

bool to_ids(simdjson::dom::element attribute) {
  simdjson::dom::element value;
  if (attribute["to_ids"].get(value) != simdjson::SUCCESS) return false;
  if (misp_flag(value)) return true;
  // Older exports write it as "1"/"0".
  std::string_view text;
  return value.get(text) == simdjson::SUCCESS && (text == "1" || text == "true");
}

// An address attribute: CIDR when it carries a prefix (MISP allows ip-dst "10.0.0.0/8").
IndicatorType address_type(std::string_view value) {
  return value.find('/') == std::string_view::npos ? IndicatorType::Address : IndicatorType::CIDR;
}

std::pair<std::string_view, std::string_view> split_pipe(std::string_view value) {
  const auto bar = value.find('|');
  if (bar == std::string_view::npos) return {value, {}};
  return {value.substr(0, bar), value.substr(bar + 1)};
}

}  // namespace

bool is_machine_tag(std::string_view tag) {
  // A machine tag is `namespace:predicate`, both without spaces before the value (`tlp:white`,
  // `osint:source-type="blog"`, `misp-galaxy:threat-actor="APT28"`); "Campaign: X", a colon then a
  // space, is a plain tag someone wrote.
  const auto colon = tag.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == tag.size()) return false;
  if (tag[colon + 1] == ' ') return false;
  return tag.substr(0, colon).find(' ') == std::string_view::npos;
}

std::optional<std::string_view> attack_galaxy_value(std::string_view tag) {
  // misp-galaxy:mitre-attack-pattern="…" and the older per-matrix clusters
  // (mitre-enterprise-attack-attack-pattern, mitre-mobile-attack-attack-pattern…).
  constexpr std::string_view kGalaxy = "misp-galaxy:mitre-";
  if (tag.substr(0, kGalaxy.size()) != kGalaxy) return std::nullopt;
  const auto equals = tag.find('=');
  if (equals == std::string_view::npos) return std::nullopt;
  const std::string_view cluster = tag.substr(kGalaxy.size(), equals - kGalaxy.size());
  constexpr std::string_view kPattern = "attack-pattern";
  if (cluster.size() < kPattern.size() || cluster.substr(cluster.size() - kPattern.size()) != kPattern) {
    return std::nullopt;
  }
  std::string_view value = tag.substr(equals + 1);
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
  if (value.empty()) return std::nullopt;
  return value;
}

std::optional<std::int64_t> misp_timestamp(simdjson::dom::element object, const char* key) {
  std::int64_t number = 0;
  if (object[key].get(number) == simdjson::SUCCESS) return number;
  const std::string_view text = json_string(object, key);
  if (text.empty()) return std::nullopt;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size() || number < 0) return std::nullopt;
  return number;
}

bool misp_flag(simdjson::dom::element value) {
  bool flag = false;
  if (value.get(flag) == simdjson::SUCCESS) return flag;
  std::int64_t number = 0;
  return value.get(number) == simdjson::SUCCESS && number != 0;
}

void MispEventMapper::read_tag(simdjson::dom::element item, std::vector<std::string_view>& tags,
                               std::vector<std::string_view>& techniques) const {
  const std::string_view name = json_string(item, "name");
  if (name.empty()) return;
  if (const auto technique = attack_galaxy_value(name)) {
    if (techniques.size() < options_.max_techniques) techniques.push_back(*technique);
  } else if (!is_machine_tag(name) && tags.size() < options_.max_tags) {
    tags.push_back(name);
  }
}

bool MispEventMapper::read_attribute(simdjson::dom::element attribute, MispAttribute& out) const {
  out.tags.clear();
  out.techniques.clear();
  if (!attribute.is_object()) return false;
  out.type = json_string(attribute, "type");
  out.value = json_string(attribute, "value");
  simdjson::dom::element deleted;
  out.deleted = attribute["deleted"].get(deleted) == simdjson::SUCCESS && misp_flag(deleted);
  out.to_ids = to_ids(attribute);
  simdjson::dom::array items;
  if (attribute["Tag"].get(items) == simdjson::SUCCESS) {
    for (auto item : items) read_tag(item, out.tags, out.techniques);
  }
  return true;
}

void MispEventMapper::set_event(const MispEventFields& event) {
  event_tags_ = event.tags;
  event_techniques_ = event.techniques;
  candidate_.groups.clear();
  if (!options_.groups || event.uuid.empty()) return;
  pipeline::CandidateGroup group;
  group.type = indicators::GroupType::Event;
  group.source_id = event.uuid;
  group.name = event.info.empty() ? event.uuid : event.info;
  // MISP's `date` is a day; the platform's eventDate a date-time.
  if (event.date.size() == 10) {
    date_.assign(event.date);
    date_ += "T00:00:00Z";
    group.date = date_;
  }
  group.tags = event_tags_;
  candidate_.groups.push_back(std::move(group));
}

MispEventResult MispEventMapper::map_attribute_record(simdjson::dom::element attribute, pipeline::CandidateSink& sink) {
  MispEventResult result;
  result.records = 1;
  if (!read_attribute(attribute, record_)) {
    sink.unmapped(Unmapped::Malformed);
    return result;
  }
  result.timestamp = misp_timestamp(attribute, "timestamp");
  MispEventFields fields;
  simdjson::dom::element event;
  if (attribute["Event"].get(event) == simdjson::SUCCESS && event.is_object()) {
    result.event = true;
    fields.uuid = json_string(event, "uuid");
    fields.info = json_string(event, "info");
    fields.date = json_string(event, "date");
  }
  set_event(fields);
  map_attribute(record_, sink);
  return result;
}

void MispEventMapper::map_attribute(const MispAttribute& attribute, pipeline::CandidateSink& sink) {
  const std::string_view type = attribute.type;
  const std::string_view value = attribute.value;
  if (type.empty()) return sink.unmapped(Unmapped::Malformed);
  if (value.empty()) return sink.unmapped(Unmapped::MissingValue);
  if (attribute.deleted) return sink.unmapped(Unmapped::Revoked);

  // The event's tags first, then the attribute's, within the same limits.
  candidate_.tags = event_tags_;
  for (const auto tag : attribute.tags) {
    if (candidate_.tags.size() < options_.max_tags) candidate_.tags.push_back(tag);
  }
  candidate_.attack_techniques = event_techniques_;
  for (const auto technique : attribute.techniques) {
    if (candidate_.attack_techniques.size() < options_.max_techniques)
      candidate_.attack_techniques.push_back(technique);
  }
  candidate_.benign = options_.to_ids_only && !attribute.to_ids;
  candidate_.attributes.clear();

  const auto [left, right] = split_pipe(value);
  if (type == "ip-src" || type == "ip-dst") return emit(sink, address_type(value), value, false);
  if (type == "ip-src|port" || type == "ip-dst|port" || type == "hostname|port") {
    if (left.empty()) return sink.unmapped(Unmapped::MissingValue);
    if (!right.empty()) candidate_.attributes.emplace_back("Port", right);
    return emit(sink, type == "hostname|port" ? IndicatorType::Host : address_type(left), left, false);
  }
  if (type == "domain" || type == "hostname") return emit(sink, IndicatorType::Host, value, false);
  if (type == "domain|ip") {
    if (left.empty() || right.empty()) return sink.unmapped(Unmapped::MissingValue);
    emit(sink, IndicatorType::Host, left, false);
    return emit(sink, address_type(right), right, true);
  }
  if (type == "url") return emit(sink, IndicatorType::URL, value, false);
  if (type == "md5" || type == "sha1" || type == "sha256") return emit(sink, IndicatorType::File, value, false);
  if (type == "filename|md5" || type == "filename|sha1" || type == "filename|sha256") {
    if (right.empty()) return sink.unmapped(Unmapped::MissingValue);
    return emit(sink, IndicatorType::File, right, false);
  }
  if (type == "email-src" || type == "email-dst" || type == "email") {
    return emit(sink, IndicatorType::EmailAddress, value, false);
  }
  if (type == "email-subject") return emit(sink, IndicatorType::EmailSubject, value, false);
  if (type == "AS") return emit(sink, IndicatorType::ASN, value, false);
  if (type == "mutex") return emit(sink, IndicatorType::Mutex, value, false);
  if (type == "regkey" || type == "regkey|value") return emit(sink, IndicatorType::RegistryKey, left, false);
  if (type == "user-agent") return emit(sink, IndicatorType::UserAgent, value, false);
  sink.unmapped(Unmapped::UnmappedType);
}

void MispEventMapper::emit(pipeline::CandidateSink& sink, IndicatorType type, std::string_view value, bool continues) {
  candidate_.type = type;
  candidate_.value = value;
  candidate_.continues_record = continues;
  sink.accept(candidate_);
}

}  // namespace tcfeed::connectors::misp
