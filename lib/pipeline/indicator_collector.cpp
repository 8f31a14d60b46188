#include "lib/pipeline/indicator_collector.hpp"

#include <algorithm>

#include "lib/indicators/normalize.hpp"
#include "lib/indicators/tags.hpp"

namespace tcfeed::pipeline {

IndicatorCollector::IndicatorCollector(const config::ConnectorConfig& connector, const config::Config& global,
                                       const Policy& policy, std::span<const std::string> stripped_tags,
                                       RunCounters& counters)
    : connector_(connector), global_(global), policy_(policy), stripped_tags_(stripped_tags), counters_(counters) {}

void IndicatorCollector::unmapped(std::string_view reason) { ++counters_.unmapped[std::string(reason)]; }

int IndicatorCollector::rating_of(const Candidate& candidate) {
  // DESIGN §2 rule 5: the source's value, else the connector's, else the global default.
  if (!candidate.rating) return connector_.rating.value_or(global_.default_rating);
  const int clamped = std::clamp(*candidate.rating, 0, 5);
  if (clamped != *candidate.rating) ++counters_.clamped;
  return clamped;
}

int IndicatorCollector::confidence_of(const Candidate& candidate) {
  if (!candidate.confidence) return connector_.confidence.value_or(global_.default_confidence);
  const int clamped = std::clamp(*candidate.confidence, 0, 100);
  if (clamped != *candidate.confidence) ++counters_.clamped;
  return clamped;
}

void IndicatorCollector::add_attack_tags(const Candidate& candidate, std::vector<std::string>& tags) {
  const auto add = [&](std::optional<std::string_view> technique) {
    const auto result = indicators::attack_tag(policy_.attack_catalog, technique, candidate.attack_tactic,
                                               policy_.attack_format);
    if (result.tag) indicators::add_tag(tags, *result.tag, {});
    if (result.outcome == indicators::AttackTagResult::Outcome::UnknownTechnique) ++counters_.attack_unknown;
  };
  for (std::string_view technique : candidate.attack_techniques) add(technique);
  if (candidate.attack_techniques.empty() && candidate.attack_tactic) add(std::nullopt);
}

void IndicatorCollector::accept(const Candidate& candidate) {
  ++counters_.candidates;
  if (candidate.benign) {
    ++counters_.dropped["benign"];
    return;
  }
  const auto reject = indicators::normalize(candidate.type, candidate.value, normalized_);
  if (reject != indicators::Reject::None) {
    ++counters_.rejected[std::string(indicators::reject_text(reject))];
    return;
  }
  if (const auto allowlisted = policy_.allowlist.match(candidate.type, normalized_)) {
    ++counters_.dropped[std::string(*allowlisted)];
    return;
  }
  std::string key(indicators::type_name(candidate.type));
  key += '\x1f';
  key += normalized_;
  if (!seen_.insert(std::move(key)).second) {
    ++counters_.duplicates;
    return;
  }
  indicators::Indicator indicator;
  indicator.type = candidate.type;
  indicator.value = normalized_;
  indicator.rating = rating_of(candidate);
  indicator.confidence = confidence_of(candidate);
  for (const auto& tag : connector_.tags) indicators::add_tag(indicator.tags, tag, stripped_tags_);
  for (std::string_view tag : candidate.tags) indicators::add_tag(indicator.tags, tag, stripped_tags_);
  add_attack_tags(candidate, indicator.tags);
  indicator.security_labels = connector_.security_labels;
  for (const auto& [type, value] : candidate.attributes) {
    if (!type.empty() && !value.empty()) indicator.attributes.push_back({std::string(type), std::string(value)});
  }
  indicators_.push_back(std::move(indicator));
  ++counters_.indicators;
}

}  // namespace tcfeed::pipeline
