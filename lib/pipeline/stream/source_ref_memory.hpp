#pragma once
// What the source ids of a run became (docs/architecture.md, Groups, Associations across polls):
// the stream remembers each candidate's source_ref (→ its type and summary) and each group's
// source id (→ its xid) as they are queued or found unchanged, hands the new ones to the run to
// keep in the state file, and answers "what is this id?" from this run first, then from what earlier
// runs kept (`earlier`). Bounded: past max_entries ids of this run, the rest are still handed on
// for the state file but no longer answered from memory in this run.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lib/state/source_ref.hpp"

namespace tcfeed::pipeline {

class SourceRefMemory {
 public:
  using Lookup = std::function<std::vector<state::SourceRef>(std::string_view ref)>;

  // `earlier`: what runs before this one kept, or empty (a dry run from scratch); `now_unix`: the
  // time the refs of this run are kept with.
  explicit SourceRefMemory(Lookup earlier = {}, std::int64_t now_unix = 0, std::size_t max_entries = 200000)
      : earlier_(std::move(earlier)), now_unix_(now_unix), max_entries_(max_entries) {}

  void remember(std::string_view ref, std::string_view kind, std::string_view value);
  // Every (kind, value) `ref` had; empty when it is unknown.
  std::vector<state::SourceRef> find(std::string_view ref) const;

  // The refs remembered since the last call, for the state file.
  std::vector<state::SourceRef>& pending() { return pending_; }

 private:
  Lookup earlier_;
  std::int64_t now_unix_;
  std::size_t max_entries_;
  std::size_t entries_ = 0;
  std::unordered_map<std::string, std::vector<std::pair<std::string, std::string>>> run_;
  std::vector<state::SourceRef> pending_;
};

}  // namespace tcfeed::pipeline
