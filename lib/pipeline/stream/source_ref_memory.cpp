#include "lib/pipeline/stream/source_ref_memory.hpp"

#include <algorithm>

namespace tcfeed::pipeline {

void SourceRefMemory::remember(std::string_view ref, std::string_view kind, std::string_view value) {
  if (ref.empty() || value.empty()) return;
  auto found = run_.find(std::string(ref));
  if (found != run_.end()) {
    auto& ends = found->second;
    const auto same = [&](const auto& end) { return end.first == kind && end.second == value; };
    if (std::any_of(ends.begin(), ends.end(), same)) return;  // a repeat within the run
    if (entries_ < max_entries_) {
      ends.emplace_back(kind, value);
      ++entries_;
    }
  } else if (entries_ < max_entries_) {
    run_[std::string(ref)].emplace_back(kind, value);
    ++entries_;
  }
  pending_.push_back(state::SourceRef{std::string(ref), std::string(kind), std::string(value), now_unix_});
}

std::vector<state::SourceRef> SourceRefMemory::find(std::string_view ref) const {
  std::vector<state::SourceRef> out;
  if (const auto found = run_.find(std::string(ref)); found != run_.end()) {
    for (const auto& [kind, value] : found->second) out.push_back({std::string(ref), kind, value, now_unix_});
  }
  if (!out.empty() || !earlier_) return out;
  return earlier_(ref);
}

}  // namespace tcfeed::pipeline
