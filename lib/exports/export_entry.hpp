#pragma once
// One indicator of an export as read from ThreatConnect (docs/exports.md): what the formats write.
// Held compactly in an ExportList (export_list.hpp). Keyed by the platform's id, which is per owner, so one value held
// by two owners is two entries (an EDL writes it once).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lib/indicators/indicator_type.hpp"

namespace tcfeed::exports {

struct ExportEntry {
  std::int64_t id = 0;
  indicators::IndicatorType type = indicators::IndicatorType::Address;
  std::string value;  // the summary as the platform gives it
  std::string owner;
  std::optional<double> rating;
  std::optional<std::int64_t> confidence;
  std::optional<double> threat_assess_rating;
  std::optional<double> threat_assess_confidence;
  std::optional<std::int64_t> threat_assess_score;
  std::string last_modified;  // ISO 8601 as the platform writes it
  std::vector<std::string> tags;

  bool operator==(const ExportEntry&) const = default;
};

}  // namespace tcfeed::exports
