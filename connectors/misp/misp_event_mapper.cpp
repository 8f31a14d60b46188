#include "connectors/misp/misp_event_mapper.hpp"

#include <array>
#include <charconv>
#include <utility>

#include "connectors/json_fields.hpp"

namespace tcfeed::connectors::misp {
namespace {

using indicators::IndicatorType;
using pipeline::Unmapped;

// The tag names of a `Tag` array ([{"name":"…"},…]) split into bare words and ATT&CK techniques;
// machine tags other than the ATT&CK galaxy are dropped (tlp:white must never become a tag).
void read_tags(simdjson::dom::element object, std::vector<std::string_view>& tags,
               std::vector<std::string_view>& techniques, std::size_t max_tags, std::size_t max_techniques) {
  simdjson::dom::array items;
  if (object["Tag"].get(items) != simdjson::SUCCESS) return;
  for (auto item : items) {
    const std::string_view name = json_string(item, "name");
    if (name.empty()) continue;
    if (const auto technique = attack_galaxy_value(name)) {
      if (techniques.size() < max_techniques) techniques.push_back(*technique);
    } else if (!is_machine_tag(name) && tags.size() < max_tags) {
      tags.push_back(name);
    }
  }
}

bool to_ids(simdjson::dom::element attribute) {
  bool flag = false;
  if (attribute["to_ids"].get(flag) == simdjson::SUCCESS) return flag;
  // Older exports write it as "1"/"0" or 1/0.
  std::int64_t number = 0;
  if (attribute["to_ids"].get(number) == simdjson::SUCCESS) return number != 0;
  const std::string_view text = json_string(attribute, "to_ids");
  return text == "1" || text == "true";
}

bool flag(simdjson::dom::element object, const char* key) {
  bool value = false;
  if (object[key].get(value) == simdjson::SUCCESS) return value;
  std::int64_t number = 0;
  return object[key].get(number) == simdjson::SUCCESS && number != 0;
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

MispEventResult MispEventMapper::map(simdjson::dom::element event, pipeline::CandidateSink& sink) {
  MispEventResult result;
  if (!event.is_object()) {
    sink.unmapped(Unmapped::Malformed);
    result.records = 1;
    return result;
  }
  result.event = true;
  result.timestamp = misp_timestamp(event, "timestamp");

  event_tags_.clear();
  event_techniques_.clear();
  read_tags(event, event_tags_, event_techniques_, options_.max_tags, options_.max_techniques);

  set_group(event);

  simdjson::dom::array attributes;
  if (event["Attribute"].get(attributes) == simdjson::SUCCESS) {
    for (auto attribute : attributes) {
      ++result.records;
      map_attribute(attribute, sink);
    }
  }
  simdjson::dom::array objects;
  if (event["Object"].get(objects) == simdjson::SUCCESS) {
    for (auto object : objects) {
      if (flag(object, "deleted")) continue;
      simdjson::dom::array inner;
      if (object["Attribute"].get(inner) != simdjson::SUCCESS) continue;
      for (auto attribute : inner) {
        ++result.records;
        map_attribute(attribute, sink);
      }
    }
  }
  return result;
}

void MispEventMapper::set_group(simdjson::dom::element event) {
  candidate_.groups.clear();
  const std::string_view uuid = json_string(event, "uuid");
  if (!options_.groups || uuid.empty()) return;
  pipeline::CandidateGroup group;
  group.type = indicators::GroupType::Event;
  group.source_id = uuid;
  group.name = json_string(event, "info");
  if (group.name.empty()) group.name = uuid;
  // MISP's `date` is a day; the platform's eventDate a date-time.
  const std::string_view day = json_string(event, "date");
  if (day.size() == 10) {
    date_.assign(day);
    date_ += "T00:00:00Z";
    group.date = date_;
  }
  group.tags = event_tags_;
  candidate_.groups.push_back(std::move(group));
}

MispEventResult MispEventMapper::map_attribute_record(simdjson::dom::element attribute, pipeline::CandidateSink& sink) {
  MispEventResult result;
  result.records = 1;
  if (!attribute.is_object()) {
    sink.unmapped(Unmapped::Malformed);
    return result;
  }
  result.timestamp = misp_timestamp(attribute, "timestamp");
  event_tags_.clear();
  event_techniques_.clear();
  simdjson::dom::element event;
  if (attribute["Event"].get(event) == simdjson::SUCCESS && event.is_object()) {
    result.event = true;
    set_group(event);
  } else {
    candidate_.groups.clear();
  }
  map_attribute(attribute, sink);
  return result;
}

void MispEventMapper::map_attribute(simdjson::dom::element attribute, pipeline::CandidateSink& sink) {
  if (!attribute.is_object()) return sink.unmapped(Unmapped::Malformed);
  const std::string_view type = json_string(attribute, "type");
  const std::string_view value = json_string(attribute, "value");
  if (type.empty()) return sink.unmapped(Unmapped::Malformed);
  if (value.empty()) return sink.unmapped(Unmapped::MissingValue);
  if (flag(attribute, "deleted")) return sink.unmapped(Unmapped::Revoked);

  candidate_.tags = event_tags_;
  candidate_.attack_techniques = event_techniques_;
  read_tags(attribute, candidate_.tags, candidate_.attack_techniques, options_.max_tags, options_.max_techniques);
  candidate_.benign = options_.to_ids_only && !to_ids(attribute);
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
