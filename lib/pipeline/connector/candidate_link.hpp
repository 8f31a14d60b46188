#pragma once
// An association a source states between two objects it identifies by its own ids
// (docs/architecture.md, Groups, Associations across polls): a STIX relationship or a report's
// object_refs whose ends were not both in the poll that read it. The ends are the ids a candidate
// carried as `source_ref` or a group as `source_id`, in this run or an earlier one. Views are
// valid during associate() only.
#include <string_view>

namespace tcfeed::pipeline {

struct CandidateLink {
  std::string_view ref_1;
  std::string_view ref_2;
};

}  // namespace tcfeed::pipeline
