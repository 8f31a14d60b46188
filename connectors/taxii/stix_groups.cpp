#include "connectors/taxii/stix_groups.hpp"

#include <algorithm>
#include <unordered_set>

#include "connectors/json_fields.hpp"
#include "lib/indicators/tags.hpp"
#include "lib/indicators/text.hpp"

namespace tcfeed::connectors::taxii {
namespace {

using pipeline::Unmapped;

std::optional<indicators::GroupType> group_type(std::string_view stix_type) {
  using indicators::GroupType;
  if (stix_type == "report") return GroupType::Report;
  if (stix_type == "malware") return GroupType::Malware;
  if (stix_type == "intrusion-set") return GroupType::IntrusionSet;
  if (stix_type == "threat-actor") return GroupType::Adversary;
  if (stix_type == "campaign") return GroupType::Campaign;
  return std::nullopt;
}

// A STIX id names its type before "--" (`malware--5e6f…`).
std::string_view id_type(std::string_view id) {
  const auto at = id.find("--");
  return at == std::string_view::npos ? std::string_view() : id.substr(0, at);
}

bool is_indicator_id(std::string_view id) { return id_type(id) == "indicator"; }

}  // namespace

bool is_stix_group_object(std::string_view type) { return type == "relationship" || group_type(type).has_value(); }

void StixGroups::read(simdjson::dom::element object, std::string_view type) {
  bool revoked = false;
  if (object["revoked"].get(revoked) == simdjson::SUCCESS && revoked) {
    downstream_.unmapped(Unmapped::Revoked);
    return;
  }
  const std::string_view id = json_string(object, "id");
  if (id.empty()) {
    downstream_.unmapped(Unmapped::Malformed);
    return;
  }
  if (type == "relationship") {
    const std::string_view source = json_string(object, "source_ref");
    const std::string_view target = json_string(object, "target_ref");
    if (source.empty() || target.empty()) {
      downstream_.unmapped(Unmapped::Malformed);
      return;
    }
    // Only indicator → group: a relationship between two groups, or from a group to an
    // indicator (no STIX relationship type points that way), says nothing tcfeed sends.
    if (!is_indicator_id(source) || !group_type(id_type(target))) {
      downstream_.unmapped(Unmapped::NotIndicator);
      return;
    }
    downstream_.unmapped(link(source, target) ? Unmapped::StixGroup : Unmapped::AssociationDropped);
    return;
  }

  const std::string_view name = indicators::text::trim(json_string(object, "name"));
  if (name.empty()) {
    downstream_.unmapped(Unmapped::Malformed);  // name is required on all five
    return;
  }
  auto found = groups_.find(std::string(id));
  if (found == groups_.end()) {
    if (groups_.size() >= limits_.max_groups) {
      downstream_.unmapped(Unmapped::AssociationDropped);
      return;
    }
    found = groups_.emplace(std::string(id), Group{}).first;
  }
  // A later version of one object (an inclusive server's repeat, a modified report) replaces it.
  Group& group = found->second;
  group.type = *group_type(type);
  group.name = std::string(name);
  const std::string_view description = json_string(object, "description");
  group.description = indicators::text::is_valid_utf8(description)
                          ? std::string(indicators::utf8_prefix(description, limits_.max_description_bytes))
                          : std::string();
  group.date.clear();
  if (group.type == indicators::GroupType::Report) group.date = std::string(json_string(object, "published"));
  if (group.type == indicators::GroupType::Campaign) group.date = std::string(json_string(object, "first_seen"));

  bool dropped = false;
  if (type == "report") {
    simdjson::dom::array refs;
    if (object["object_refs"].get(refs) == simdjson::SUCCESS) {
      for (auto ref : refs) {
        std::string_view ref_id;
        if (ref.get(ref_id) != simdjson::SUCCESS || !is_indicator_id(ref_id)) continue;
        if (!link(ref_id, id)) dropped = true;
      }
    }
  }
  downstream_.unmapped(dropped ? Unmapped::AssociationDropped : Unmapped::StixGroup);
}

bool StixGroups::link(std::string_view indicator, std::string_view group) {
  auto& groups = links_[std::string(indicator)];
  if (std::find(groups.begin(), groups.end(), group) != groups.end()) return true;
  if (link_count_ >= limits_.max_links || groups.size() >= limits_.max_groups_per_indicator) return false;
  groups.emplace_back(group);
  ++link_count_;
  return true;
}

void StixGroups::accept(const pipeline::Candidate& candidate) {
  if (held_.size() >= limits_.max_held) emit_held();
  Held& held = held_.emplace_back();
  held.id = current_;
  held.type = candidate.type;
  held.value = std::string(candidate.value);
  held.confidence = candidate.confidence;
  held.tags.assign(candidate.tags.begin(), candidate.tags.end());
  held.techniques.assign(candidate.attack_techniques.begin(), candidate.attack_techniques.end());
  if (candidate.attack_tactic) held.tactic = std::string(*candidate.attack_tactic);
  held.benign = candidate.benign;
  held.continues_record = candidate.continues_record;
}

void StixGroups::emit_held() {
  std::unordered_set<std::string> associated;
  for (const Held& held : held_) {
    candidate_.type = held.type;
    candidate_.value = held.value;
    candidate_.confidence = held.confidence;
    candidate_.tags.assign(held.tags.begin(), held.tags.end());
    candidate_.attack_techniques.assign(held.techniques.begin(), held.techniques.end());
    candidate_.attack_tactic.reset();
    if (held.tactic) candidate_.attack_tactic = *held.tactic;
    candidate_.benign = held.benign;
    candidate_.continues_record = held.continues_record;
    candidate_.groups.clear();
    const auto links = links_.find(held.id);
    if (links != links_.end()) {
      for (const std::string& group_id : links->second) {
        const auto group = groups_.find(group_id);
        if (group == groups_.end()) continue;
        pipeline::CandidateGroup& out = candidate_.groups.emplace_back();
        out.type = group->second.type;
        out.name = group->second.name;
        out.source_id = group->first;
        if (!group->second.description.empty()) out.attributes.emplace_back("Description", group->second.description);
        out.date = group->second.date;
      }
      associated.insert(held.id);
    }
    downstream_.accept(candidate_);
  }
  held_.clear();
  // What was made is done: an association of these indicators that comes later finds them gone
  // and is counted by finish() as not made.
  for (const auto& id : associated) {
    auto links = links_.find(id);
    auto& groups = links->second;
    const auto made = std::remove_if(groups.begin(), groups.end(),
                                     [&](const std::string& group) { return groups_.count(group) > 0; });
    groups.erase(made, groups.end());
    if (groups.empty()) links_.erase(links);
  }
}

std::size_t StixGroups::finish() {
  emit_held();
  std::size_t not_made = 0;
  for (const auto& [indicator, groups] : links_) not_made += groups.size();
  links_.clear();
  return not_made;
}

}  // namespace tcfeed::connectors::taxii
