#pragma once
// One `association[]` entry of a batch document (docs/threatconnect.md, Associations): two ends,
// each an indicator (its summary as `ref_n` and its type as `type_n`, which the platform requires
// for indicators) or a group (its xid as `ref_n`, no type). The array comes after `group` and
// `indicator` (the platform reads it last; TC 7.8.2 and later).
#include <optional>
#include <string>
#include <string_view>

#include "lib/indicators/indicator_type.hpp"

namespace tcfeed::threatconnect {

struct AssociationEnd {
  std::string_view ref;                           // an indicator's summary or a group's xid
  std::optional<indicators::IndicatorType> type;  // set for an indicator, empty for a group
};

// Appends `{"ref_1":…,"type_1":…,"ref_2":…}` (types only for indicator ends) to `out`.
void append_association_json(std::string& out, const AssociationEnd& first, const AssociationEnd& second);

// Between the indicator array and the association array of a document.
inline constexpr std::string_view kIndicatorsThenAssociations = R"(],"association":[)";

}  // namespace tcfeed::threatconnect
