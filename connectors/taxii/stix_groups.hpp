#pragma once
// STIX groups and associations within one poll (docs/feeds.md, TAXII 2.1 and STIX 2.1, Groups).
//
// `report` → Report, `malware` → Malware, `intrusion-set` → Intrusion Set, `threat-actor` →
// Adversary, `campaign` → Campaign: the group's source id is the STIX id, its name `name`, its
// Description `description` (cut to kMaxDescriptionBytes), its date `published` (Report) or
// `first_seen` (Campaign). A `relationship` whose source_ref is an indicator and whose target_ref
// is one of those objects (any relationship_type: `indicates`, `attributed-to`, `uses`…) and a
// report's `object_refs` that name indicators associate those indicators with the group.
//
// Order. A TAXII collection lists objects by date added, so a relationship or a report may come
// before or after the indicators and groups it names, pages apart. A stream has no first pass, so
// with groups on the poll's indicator candidates are held (owned copies) and emitted at the end of
// the poll, each with every group the poll associated with it, whatever the order. Bounds, all per
// poll (StixGroupLimits): max_held indicator candidates (when full, those held are emitted with the
// groups known so far, and a later association of one of them is not made), max_groups group
// objects and max_links associations (beyond: the object is counted `association_dropped`),
// max_groups_per_indicator groups per indicator.
//
// Across polls. A relationship or object_refs whose indicator or group is not in the same poll
// (added to the collection in another poll's window) goes to the sink as a CandidateLink at
// finish(): the stream remembers what each STIX id became in earlier polls (the candidate's
// source_ref, the group's source id) and writes an `association[]` entry when it knows both ends.
// A relationship between two groups (malware attributed-to intrusion-set) and a report's
// object_refs that name groups go the same way. A group object no indicator of the poll belongs to
// is handed on alone (CandidateSink::group), so that a later relationship finds it. Relationships
// are counted at finish(): `stix_group` when made, `association_unresolved` when an end is unknown.
#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <simdjson.h>

#include "lib/pipeline/connector/connector.hpp"

namespace tcfeed::connectors::taxii {

struct StixGroupLimits {
  std::size_t max_held = 100000;  // indicator candidates held until the end of the poll
  std::size_t max_groups = 10000;
  std::size_t max_links = 100000;
  std::size_t max_groups_per_indicator = 32;
  std::size_t max_description_bytes = 4000;
};

// Whether `type` is a STIX object type this file reads (a group SDO or a relationship).
bool is_stix_group_object(std::string_view type);

// A sink between the mapper and the stream: holds the poll's indicator candidates, reads the
// group objects and relationships, and emits the candidates with their groups at finish().
class StixGroups final : public pipeline::CandidateSink {
 public:
  StixGroups(pipeline::CandidateSink& downstream, StixGroupLimits limits = {})
      : downstream_(downstream), limits_(limits) {}

  // Reads a group object or relationship (is_stix_group_object); counts it skipped (`stix_group`)
  // or `association_dropped`/`malformed_row` on `downstream`.
  void read(simdjson::dom::element object, std::string_view type);
  // The STIX id of the indicator whose candidates the mapper sends next.
  void begin_indicator(std::string_view id) { current_ = id; }

  void accept(const pipeline::Candidate& candidate) override;
  void unmapped(pipeline::Unmapped reason) override { downstream_.unmapped(reason); }
  void expect(std::size_t records) override { downstream_.expect(records); }

  // Emits what is held, the groups no indicator took, then the associations across polls, and
  // counts the relationships. Returns the associations not made: an end tcfeed has not mapped.
  std::size_t finish();

 private:
  struct Group {
    indicators::GroupType type = indicators::GroupType::Malware;
    std::string name;
    std::string description;
    std::string date;
    bool emitted = false;  // handed on with an indicator, or alone
  };
  // A relationship record, counted once its association is decided.
  struct Relationship {
    std::string source;
    std::string target;
    bool to_indicator_link = false;  // indicator → group: made in the poll when its link was
  };
  struct Held {
    std::string id;  // the indicator's STIX id
    indicators::IndicatorType type = indicators::IndicatorType::Address;
    std::string value;
    std::optional<int> confidence;
    std::vector<std::string> tags;
    std::vector<std::string> techniques;
    std::optional<std::string> tactic;
    bool benign = false;
    bool continues_record = false;
  };

  bool link(std::string_view indicator, std::string_view group);
  bool link_groups(std::string_view first, std::string_view second);
  void emit_held();
  void emit_lone_groups();

  pipeline::CandidateSink& downstream_;
  StixGroupLimits limits_;
  std::string current_;
  std::unordered_map<std::string, Group> groups_;
  std::unordered_map<std::string, std::vector<std::string>> links_;  // indicator id → group ids
  std::size_t link_count_ = 0;
  std::vector<std::pair<std::string, std::string>> group_links_;  // group → group (relationship, object_refs)
  std::vector<Relationship> relationships_;
  std::deque<Held> held_;
  pipeline::Candidate candidate_;  // reused
};

}  // namespace tcfeed::connectors::taxii
