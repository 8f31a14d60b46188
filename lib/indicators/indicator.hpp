#pragma once
// An indicator as tcfeed sends it: normalized value plus the metadata policy decided.
#include <string>
#include <vector>

#include "lib/indicators/indicator_type.hpp"

namespace tcfeed::indicators {

struct Attribute {
  std::string type;  // a ThreatConnect attribute type, e.g. "Source"
  std::string value;
};

struct Indicator {
  IndicatorType type = IndicatorType::Address;
  std::string value;  // normalized; the batch `summary`
  int rating = 0;     // 0–5
  int confidence = 0; // 0–100
  bool active = true;
  std::vector<std::string> tags;
  std::vector<std::string> security_labels;
  std::vector<Attribute> attributes;
};

}  // namespace tcfeed::indicators
