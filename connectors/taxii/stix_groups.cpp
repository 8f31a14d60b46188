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
    // Indicator → group, and group → group (malware attributed-to intrusion-set). A group → indicator
    // (no STIX relationship type points that way) or two indicators (the platform wants a type
    // of association per pair of indicator types) say nothing tcfeed sends.
    const bool to_group = group_type(id_type(target)).has_value();
    const bool from_indicator = is_indicator_id(source);
    if (!to_group || !(from_indicator || group_type(id_type(source)))) {
      downstream_.unmapped(Unmapped::NotIndicator);
      return;
    }
    const bool kept = relationships_.size() < limits_.max_links &&
                      (from_indicator ? link(source, target) : link_groups(source, target));
    if (!kept) {
      downstream_.unmapped(Unmapped::AssociationDropped);
      return;
    }
    // Counted at finish(), once it is known whether the association was made.
    relationships_.push_back({std::string(source), std::string(target), from_indicator});
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
        if (ref.get(ref_id) != simdjson::SUCCESS) continue;
        if (is_indicator_id(ref_id)) {
          if (!link(ref_id, id)) dropped = true;
        } else if (group_type(id_type(ref_id)) && ref_id != id) {
          if (!link_groups(id, ref_id)) dropped = true;
        }
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

bool StixGroups::link_groups(std::string_view first, std::string_view second) {
  const auto same = [&](const auto& pair) { return pair.first == first && pair.second == second; };
  if (std::any_of(group_links_.begin(), group_links_.end(), same)) return true;
  if (link_count_ >= limits_.max_links) return false;
  group_links_.emplace_back(first, second);
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
    candidate_.source_ref = held.id;
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
        group->second.emitted = true;
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

void StixGroups::emit_lone_groups() {
  pipeline::CandidateGroup out;
  for (auto& [id, group] : groups_) {
    if (group.emitted) continue;
    out.type = group.type;
    out.name = group.name;
    out.source_id = id;
    out.attributes.clear();
    if (!group.description.empty()) out.attributes.emplace_back("Description", group.description);
    out.date = group.date;
    downstream_.group(out);
    group.emitted = true;
  }
}

std::size_t StixGroups::finish() {
  emit_held();
  // Before the associations: a group of this poll must be known for a relationship to name it.
  emit_lone_groups();
  // What is left of links_ was not made within the poll: an end is in another poll's window, or
  // its indicator was handed on before the link was read (the hold full). The stream knows
  // what earlier polls, and this one, mapped.
  std::unordered_set<std::string> made;  // "indicator\x1fgroup" of the links made now
  std::size_t not_made = 0;
  const auto key = [](std::string_view a, std::string_view b) { return std::string(a) + '\x1f' + std::string(b); };
  for (const auto& [indicator, groups] : links_) {
    for (const auto& group : groups) {
      if (downstream_.associate({indicator, group})) {
        made.insert(key(indicator, group));
      } else {
        ++not_made;
      }
    }
  }
  for (const auto& [first, second] : group_links_) {
    if (downstream_.associate({first, second})) {
      made.insert(key(first, second));
    } else {
      ++not_made;
    }
  }
  for (const auto& relationship : relationships_) {
    const bool open = relationship.to_indicator_link
                          ? links_.count(relationship.source) > 0 &&
                                std::count(links_[relationship.source].begin(), links_[relationship.source].end(),
                                           relationship.target) > 0
                          : true;
    const bool ok = !open || made.count(key(relationship.source, relationship.target)) > 0;
    downstream_.unmapped(ok ? Unmapped::StixGroup : Unmapped::AssociationUnresolved);
  }
  links_.clear();
  group_links_.clear();
  relationships_.clear();
  return not_made;
}

}  // namespace tcfeed::connectors::taxii
