#pragma once
// A group a candidate belongs to (docs/architecture.md, Groups): the source's event, report,
// malware family or actor, as the connector read it. The stream gives it its xid
// (`tcfeed:<connector>:<source id>`), writes it once per job before the indicators that reference
// it, and the indicator an `associatedGroups` reference. Views are valid during accept() only.
#include <string_view>
#include <utility>
#include <vector>

#include "lib/indicators/group_type.hpp"

namespace tcfeed::pipeline {

struct CandidateGroup {
  indicators::GroupType type = indicators::GroupType::Malware;
  std::string_view name;  // cut to the platform's 100 characters when longer
  // Stable at the source across polls (an event's UUID, a malware family's name): it makes the
  // xid, so a re-send updates the group and never creates a second one.
  std::string_view source_id;
  std::vector<std::pair<std::string_view, std::string_view>> attributes;  // e.g. {"Description", "…"}
  std::vector<std::string_view> tags;
  // The group's date as the source gives it (ISO 8601): eventDate of an Event, publishDate of a
  // Report, firstSeen of a Campaign; not written for the other types.
  std::string_view date;
};

}  // namespace tcfeed::pipeline
