#include "connectors/taxii/stix_mapper.hpp"

#include <algorithm>
#include <cstdint>

#include "connectors/json_fields.hpp"

namespace tcfeed::connectors::taxii {
namespace {

using pipeline::Unmapped;

StixMapResult counted(pipeline::CandidateSink& sink, Unmapped reason, StixMapResult result) {
  sink.unmapped(reason);
  result.verdict = pipeline::unmapped_skip(reason) ? StixVerdict::Skipped : StixVerdict::Unmapped;
  return result;
}

bool has_member(simdjson::dom::element object, const char* key) { return object[key].error() == simdjson::SUCCESS; }

// The tactic of the mitre-attack kill chain when the object names exactly one: with several, which
// one a technique belongs to would be a guess.
std::optional<std::string_view> attack_tactic(simdjson::dom::element object) {
  simdjson::dom::array phases;
  if (object["kill_chain_phases"].get(phases) != simdjson::SUCCESS) return std::nullopt;
  std::optional<std::string_view> tactic;
  for (auto phase : phases) {
    if (json_string(phase, "kill_chain_name") != "mitre-attack") continue;
    const std::string_view name = json_string(phase, "phase_name");
    if (name.empty()) continue;
    if (tactic && *tactic != name) return std::nullopt;
    tactic = name;
  }
  return tactic;
}

}  // namespace

StixMapResult StixMapper::map(simdjson::dom::element object, pipeline::CandidateSink& sink) {
  StixMapResult result;
  if (!object.is_object()) return counted(sink, Unmapped::Malformed, result);
  const std::string_view type = json_string(object, "type");
  if (type.empty()) return counted(sink, Unmapped::Malformed, result);
  std::string_view modified = json_string(object, "modified");
  if (modified.empty()) modified = json_string(object, "created");
  result.modified = parse_stix_time(modified);
  if (type != "indicator") return counted(sink, Unmapped::NotIndicator, result);

  if (options_.not_before || options_.after) {
    if (!result.modified) return counted(sink, Unmapped::Malformed, result);
    if (options_.after && *result.modified <= *options_.after) return counted(sink, Unmapped::AlreadyRead, result);
    if (options_.not_before && *result.modified < *options_.not_before) {
      return counted(sink, Unmapped::BeforeBackfill, result);
    }
  }
  bool revoked = false;
  if (object["revoked"].get(revoked) == simdjson::SUCCESS && revoked) return counted(sink, Unmapped::Revoked, result);
  if (has_member(object, "valid_until")) {
    const auto until = parse_stix_time(json_string(object, "valid_until"));
    if (!until) return counted(sink, Unmapped::Malformed, result);
    if (*until <= options_.now) return counted(sink, Unmapped::Expired, result);
  }

  const std::string_view pattern = json_string(object, "pattern");
  if (pattern.empty()) return counted(sink, Unmapped::MissingValue, result);
  if (has_member(object, "pattern_type")) {
    if (json_string(object, "pattern_type") != "stix") return counted(sink, Unmapped::PatternNotStix, result);
  } else if (json_string(object, "spec_version") == "2.1") {
    // pattern_type is required in 2.1; only 2.0, which has none, is always a STIX pattern.
    return counted(sink, Unmapped::Malformed, result);
  }
  const StixPattern read = read_stix_pattern(pattern, options_.pattern_limits);
  if (read.unsupported) return counted(sink, *read.unsupported, result);
  if (read.values.empty()) return counted(sink, Unmapped::MissingValue, result);

  std::int64_t confidence = -1;
  candidate_.confidence.reset();
  if (object["confidence"].get(confidence) == simdjson::SUCCESS && confidence >= 0 && confidence <= 100) {
    candidate_.confidence = static_cast<int>(confidence);
  }
  candidate_.tags.clear();
  json_strings(object, "labels", candidate_.tags);
  if (candidate_.tags.size() > options_.max_tags) candidate_.tags.resize(options_.max_tags);

  candidate_.benign = false;
  simdjson::dom::array indicator_types;
  if (object["indicator_types"].get(indicator_types) == simdjson::SUCCESS) {
    for (auto item : indicator_types) {
      std::string_view word;
      if (item.get(word) == simdjson::SUCCESS && word == "benign") candidate_.benign = true;
    }
  }

  candidate_.attack_tactic = attack_tactic(object);
  candidate_.attack_techniques.clear();
  simdjson::dom::array references;
  if (object["external_references"].get(references) == simdjson::SUCCESS) {
    for (auto reference : references) {
      if (candidate_.attack_techniques.size() >= options_.max_techniques) break;
      if (json_string(reference, "source_name") != "mitre-attack") continue;
      const std::string_view id = json_string(reference, "external_id");
      if (!id.empty()) candidate_.attack_techniques.push_back(id);
    }
  }

  candidate_.attributes.clear();
  for (std::size_t i = 0; i < read.values.size(); ++i) {
    candidate_.type = read.values[i].type;
    candidate_.value = read.values[i].value;
    candidate_.continues_record = i > 0;
    sink.accept(candidate_);
  }
  candidate_.continues_record = false;
  result.verdict = StixVerdict::Mapped;
  return result;
}

}  // namespace tcfeed::connectors::taxii
