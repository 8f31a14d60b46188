#include "lib/indicators/group_type.hpp"

namespace tcfeed::indicators {

std::string_view group_type_name(GroupType type) {
  switch (type) {
    case GroupType::Adversary: return "Adversary";
    case GroupType::Campaign: return "Campaign";
    case GroupType::Event: return "Event";
    case GroupType::IntrusionSet: return "Intrusion Set";
    case GroupType::Malware: return "Malware";
    case GroupType::Report: return "Report";
  }
  return "Malware";
}

std::optional<GroupType> parse_group_type(std::string_view name) {
  for (const auto type : kAllGroupTypes) {
    if (group_type_name(type) == name) return type;
  }
  return std::nullopt;
}

}  // namespace tcfeed::indicators
