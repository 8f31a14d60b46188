#pragma once
// The stages after the connector, for one connector run: normalize + validate each candidate,
// apply rating/confidence precedence and tags, and skip what this run already produced.
#include <string>
#include <unordered_set>
#include <vector>

#include "lib/config/config.hpp"
#include "lib/indicators/indicator.hpp"
#include "lib/pipeline/connector.hpp"
#include "lib/pipeline/counters.hpp"

namespace tcfeed::pipeline {

class IndicatorCollector final : public CandidateSink {
public:
  IndicatorCollector(const config::ConnectorConfig& connector, const config::Config& global, RunCounters& counters);

  void accept(const Candidate& candidate) override;
  void unmapped(std::string_view reason) override;

  std::vector<indicators::Indicator>& indicators() { return indicators_; }

private:
  const config::ConnectorConfig& connector_;
  const config::Config& global_;
  RunCounters& counters_;
  std::string normalized_;
  std::unordered_set<std::string> seen_;  // "<type>\x1f<value>" of this run
  std::vector<indicators::Indicator> indicators_;
};

}  // namespace tcfeed::pipeline
