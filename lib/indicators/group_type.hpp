#pragma once
// The platform's standard group types tcfeed writes (docs/threatconnect.md, Groups): what a feed's
// event, report, malware family or actor becomes. Only these; never a custom type.
#include <array>
#include <optional>
#include <string_view>

namespace tcfeed::indicators {

enum class GroupType { Adversary, Campaign, Event, IntrusionSet, Malware, Report };

inline constexpr std::array<GroupType, 6> kAllGroupTypes = {GroupType::Adversary, GroupType::Campaign,
                                                            GroupType::Event,     GroupType::IntrusionSet,
                                                            GroupType::Malware,   GroupType::Report};

// The platform's name: "Adversary", "Campaign", "Event", "Intrusion Set", "Malware", "Report".
std::string_view group_type_name(GroupType type);

// The exact platform name above, or nullopt.
std::optional<GroupType> parse_group_type(std::string_view name);

}  // namespace tcfeed::indicators
