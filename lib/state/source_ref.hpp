#pragma once
// What a source's own id for an object became on the platform (docs/architecture.md, Groups,
// Associations across polls): a STIX indicator's id → its indicator's type and summary, a STIX
// group's id → its group's xid. Kept per connector for a while, so that a relationship read in a
// later poll can still name both ends.
#include <cstdint>
#include <string>

namespace tcfeed::state {

struct SourceRef {
  std::string ref;           // the source's id, e.g. "indicator--0a1b…", "malware--5e6f…"
  std::string kind;          // an indicator type's name ("Host", "File"…) or kGroupRefKind
  std::string value;         // the indicator's summary, or the group's xid
  std::int64_t seen_at = 0;  // unix seconds of the run that last mapped it

  bool operator==(const SourceRef&) const = default;
};

// SourceRef::kind of a group: never an indicator type's name.
inline constexpr const char* kGroupRefKind = "group";

}  // namespace tcfeed::state
