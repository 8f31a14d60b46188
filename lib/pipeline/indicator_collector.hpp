#pragma once
// The stages after the connector, for one connector run (DESIGN §1): drop what the source calls
// benign, normalize + validate, drop allowlisted values, apply rating/confidence precedence, tags
// and ATT&CK, and skip what this run already produced.
#include <span>
#include <string>
#include <unordered_set>
#include <vector>

#include "lib/config/config.hpp"
#include "lib/indicators/indicator.hpp"
#include "lib/pipeline/connector.hpp"
#include "lib/pipeline/counters.hpp"
#include "lib/pipeline/policy.hpp"

namespace tcfeed::pipeline {

class IndicatorCollector final : public CandidateSink {
public:
  // `stripped_tags`: the feed's and vendor's own names, never sent as tags (the owner carries them).
  IndicatorCollector(const config::ConnectorConfig& connector, const config::Config& global, const Policy& policy,
                     std::span<const std::string> stripped_tags, RunCounters& counters);

  void accept(const Candidate& candidate) override;
  void unmapped(std::string_view reason) override;

  std::vector<indicators::Indicator>& indicators() { return indicators_; }

private:
  int rating_of(const Candidate& candidate);
  int confidence_of(const Candidate& candidate);
  void add_attack_tags(const Candidate& candidate, std::vector<std::string>& tags);

  const config::ConnectorConfig& connector_;
  const config::Config& global_;
  const Policy& policy_;
  std::span<const std::string> stripped_tags_;
  RunCounters& counters_;
  std::string normalized_;
  std::unordered_set<std::string> seen_;  // "<type>\x1f<value>" of this run
  std::vector<indicators::Indicator> indicators_;
};

}  // namespace tcfeed::pipeline
