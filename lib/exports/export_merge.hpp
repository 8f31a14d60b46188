#pragma once
// What a refresh would make of an export's list, and whether it may (docs/exports.md, Safety).
// Pure: no I/O, no clock, so every rule is unit-tested.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "lib/exports/export_entry.hpp"

namespace tcfeed::exports {

struct Proposal {
  EntryMap entries;
  std::size_t added = 0;
  std::size_t updated = 0;
  std::size_t removed = 0;
};

// A full read: the list becomes what was read.
Proposal merge_full(const EntryMap& current, std::vector<ExportEntry> read);

// An incremental read: every changed id leaves, then what of it matches comes back in.
Proposal merge_changes(const EntryMap& current, const std::vector<std::int64_t>& changed,
                       std::vector<ExportEntry> matching);

enum class Verdict {
  kApply,
  kHoldShrink,  // removes more than the guard: kept back until a full read confirms it
  kRefuseEmpty  // would empty a non-empty list: never from a refresh
};

std::string_view verdict_code(Verdict verdict);  // apply | held_shrink | refused_empty

// Identifies a proposal's set of ids, so a confirming full read can be recognised.
std::uint64_t proposal_id_hash(const Proposal& proposal);

// `held` is the id hash of the proposal last held back, if any; a full read whose proposal has
// the same ids confirms it.
Verdict judge(std::size_t current_size, const Proposal& proposal, double shrink_guard, bool full,
              std::optional<std::uint64_t> held);

}  // namespace tcfeed::exports
