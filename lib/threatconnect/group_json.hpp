#pragma once
// One group as a batch upload item (docs/threatconnect.md, Groups), written from views like the
// indicator items. Groups are few (one per malware family or event in a job), so every one goes
// through the JSON writer.
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "lib/indicators/group_type.hpp"

namespace tcfeed::threatconnect {

// Group names longer than this are cut (on a character boundary): the bound the platform's own
// Python client keeps.
inline constexpr std::size_t kMaxGroupNameCharacters = 100;

struct GroupItem {
  indicators::GroupType type = indicators::GroupType::Malware;
  std::string_view name;
  std::string_view xid;
  std::string_view date;  // eventDate (Event), publishDate (Report), firstSeen (Campaign); empty: none
  std::span<const std::pair<std::string_view, std::string_view>> attributes;  // (type, value)
  std::span<const std::string_view> tags;
  std::span<const std::string_view> security_labels;
};

// `name` cut to kMaxGroupNameCharacters characters (an invalid byte counts as one).
std::string_view group_name_cut(std::string_view name);

// Appends the group's JSON object to `out`.
void append_group_json(std::string& out, const GroupItem& item);

}  // namespace tcfeed::threatconnect
