#pragma once
// What a refresh would make of an export's list, and whether it may (docs/exports.md, Safety).
// The read is applied as it streams, page by page, against the list itself: an entry the list
// already holds unchanged is only marked, a new or changed one is staged compactly, and nothing
// changes the list until the verdict lets commit() apply it — a refused read leaves the last good
// list as it was. No I/O, no clock, so every rule is unit-tested.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "lib/exports/export_list.hpp"

namespace tcfeed::exports {

// What the read would make of the list.
struct Proposal {
  std::size_t added = 0;
  std::size_t updated = 0;
  std::size_t removed = 0;
  std::size_t size = 0;       // entries after
  std::uint64_t id_hash = 0;  // identifies the set of ids after, so a confirming full read is recognised
};

class StreamedMerge {
 public:
  // `full`: the list becomes what is read (what is not read is removed). Otherwise incremental:
  // every id reported by changed() leaves, unless read() brings it back.
  StreamedMerge(ExportList& list, bool full);
  ~StreamedMerge();  // without commit(): the list as it was (staged bytes are dropped)
  StreamedMerge(const StreamedMerge&) = delete;
  StreamedMerge& operator=(const StreamedMerge&) = delete;

  void changed(std::int64_t id);
  void read(const ExportEntry& entry);  // a matching entry, as the read streams it (a repeated id: the last wins)

  // After the read: what commit() would do.
  const Proposal& propose();
  void commit();

 private:
  enum : std::uint8_t { kChanged = 1, kRead = 2 };
  bool removes(std::size_t i) const;

  ExportList& list_;
  bool full_;
  std::vector<std::uint8_t> marks_;   // per entry of the list
  std::vector<CompactEntry> staged_;  // new or changed entries
  std::optional<Proposal> proposal_;
  bool committed_ = false;
};

enum class Verdict {
  kApply,
  kHoldShrink,  // removes more than the guard: kept back until a full read confirms it
  kRefuseEmpty  // would empty a non-empty list: never from a refresh
};

std::string_view verdict_code(Verdict verdict);  // apply | held_shrink | refused_empty

// `held` is the id hash of the proposal last held back, if any; a full read whose proposal has
// the same ids confirms it.
Verdict judge(std::size_t current_size, const Proposal& proposal, double shrink_guard, bool full,
              std::optional<std::uint64_t> held);

}  // namespace tcfeed::exports
