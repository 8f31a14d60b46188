#include "lib/pipeline/indicator_collector.hpp"

#include <algorithm>

#include "lib/indicators/normalize.hpp"

namespace tcfeed::pipeline {

IndicatorCollector::IndicatorCollector(const config::ConnectorConfig& connector, const config::Config& global,
                                       RunCounters& counters)
    : connector_(connector), global_(global), counters_(counters) {}

void IndicatorCollector::unmapped(std::string_view reason) { ++counters_.unmapped[std::string(reason)]; }

void IndicatorCollector::accept(const Candidate& candidate) {
  ++counters_.candidates;
  const auto reject = indicators::normalize(candidate.type, candidate.value, normalized_);
  if (reject != indicators::Reject::None) {
    ++counters_.rejected[std::string(indicators::reject_text(reject))];
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
  // DESIGN §2 rule 5: the source's value, else the connector's, else the global default.
  indicator.rating = std::clamp(candidate.rating.value_or(connector_.rating.value_or(global_.default_rating)), 0, 5);
  indicator.confidence =
      std::clamp(candidate.confidence.value_or(connector_.confidence.value_or(global_.default_confidence)), 0, 100);
  indicator.tags = connector_.tags;
  for (std::string_view tag : candidate.tags) {
    if (!tag.empty() && tag.size() <= 128 &&
        std::find(indicator.tags.begin(), indicator.tags.end(), tag) == indicator.tags.end()) {
      indicator.tags.emplace_back(tag);
    }
  }
  indicator.security_labels = connector_.security_labels;
  indicators_.push_back(std::move(indicator));
  ++counters_.indicators;
}

}  // namespace tcfeed::pipeline
