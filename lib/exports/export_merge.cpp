#include "lib/exports/export_merge.hpp"

#include <algorithm>
#include <numeric>

#include "lib/core/fingerprint.hpp"

namespace tcfeed::exports {
namespace {

std::uint64_t hash_id(std::uint64_t hash, std::int64_t id) {
  const std::string_view bytes(reinterpret_cast<const char*>(&id), sizeof id);
  return fingerprint64(bytes, hash);
}

}  // namespace

StreamedMerge::StreamedMerge(ExportList& list, bool full) : list_(list), full_(full), marks_(list.size(), 0) {}

StreamedMerge::~StreamedMerge() {
  if (committed_) return;
  try {
    list_.compact();
  } catch (...) {  // out of memory while dropping: the bytes stay until the next merge
  }
}

void StreamedMerge::changed(std::int64_t id) {
  if (const auto at = list_.find(id)) marks_[*at] |= kChanged;
}

void StreamedMerge::read(const ExportEntry& entry) {
  proposal_.reset();
  const auto at = list_.find(entry.id);
  const CompactEntry* existing = at ? &list_[*at] : nullptr;
  const CompactEntry packed = list_.pack(entry, existing);
  if (at) {
    marks_[*at] |= kRead;
    if (list_.same(packed, *existing)) return;
  }
  staged_.push_back(packed);
}

bool StreamedMerge::removes(std::size_t i) const {
  return full_ ? (marks_[i] & kRead) == 0 : (marks_[i] & kChanged) != 0 && (marks_[i] & kRead) == 0;
}

const Proposal& StreamedMerge::propose() {
  if (proposal_) return *proposal_;
  // By id, and of one id only what was read last. Pages usually come in id order; otherwise the
  // staged entries are permuted in place (a second copy would be as large as the read).
  if (!std::is_sorted(staged_.begin(), staged_.end(),
                      [](const CompactEntry& a, const CompactEntry& b) { return a.id < b.id; })) {
    std::vector<std::uint32_t> order(staged_.size());
    std::iota(order.begin(), order.end(), 0U);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return staged_[a].id != staged_[b].id ? staged_[a].id < staged_[b].id : a < b;
    });
    // Position j takes the entry at order[j]: each cycle of the permutation once.
    for (std::size_t start = 0; start < order.size(); ++start) {
      if (order[start] == UINT32_MAX) continue;
      const CompactEntry first = staged_[start];
      std::size_t to = start;
      while (true) {
        const std::size_t from = order[to];
        order[to] = UINT32_MAX;
        if (from == start) {
          staged_[to] = first;
          break;
        }
        staged_[to] = staged_[from];
        to = from;
      }
    }
  }
  // unique() over the reversed range keeps the last read of each id, at the back.
  const auto kept = std::unique(staged_.rbegin(), staged_.rend(),
                                [](const CompactEntry& a, const CompactEntry& b) { return a.id == b.id; });
  staged_.erase(staged_.begin(), kept.base());

  Proposal proposal;
  for (const auto& entry : staged_) {
    if (list_.find(entry.id)) {
      ++proposal.updated;
    } else {
      ++proposal.added;
    }
  }
  for (std::size_t i = 0; i < list_.size(); ++i) {
    if (removes(i)) ++proposal.removed;
  }
  proposal.size = list_.size() - proposal.removed + proposal.added;
  // The ids after, ascending: the list's kept ones and the added ones, merged.
  std::uint64_t hash = 0x9e3779b97f4a7c15ULL;
  std::size_t i = 0;
  for (const auto& entry : staged_) {
    while (i < list_.size() && list_[i].id < entry.id) {
      if (!removes(i)) hash = hash_id(hash, list_[i].id);
      ++i;
    }
    if (i < list_.size() && list_[i].id == entry.id) {
      ++i;
    }
    hash = hash_id(hash, entry.id);
  }
  for (; i < list_.size(); ++i) {
    if (!removes(i)) hash = hash_id(hash, list_[i].id);
  }
  proposal.id_hash = hash;
  proposal_ = proposal;
  return *proposal_;
}

void StreamedMerge::commit() {
  propose();
  // Changes in place; what is new moves to the front of staged_, still sorted.
  std::size_t added = 0;
  for (const auto& entry : staged_) {
    if (const auto at = list_.find(entry.id)) {
      list_.replace(*at, entry);
    } else {
      staged_[added++] = entry;
    }
  }
  staged_.resize(added);
  std::vector<bool> drop(list_.size());
  bool any = false;
  for (std::size_t i = 0; i < list_.size(); ++i) any |= (drop[i] = removes(i));
  marks_ = {};
  if (any) list_.remove(drop);
  list_.insert_sorted(std::move(staged_));
  staged_ = {};
  list_.compact();
  committed_ = true;
}

std::string_view verdict_code(Verdict verdict) {
  switch (verdict) {
    case Verdict::kApply: return "apply";
    case Verdict::kHoldShrink: return "held_shrink";
    case Verdict::kRefuseEmpty: return "refused_empty";
  }
  return "apply";
}

Verdict judge(std::size_t current_size, const Proposal& proposal, double shrink_guard, bool full,
              std::optional<std::uint64_t> held) {
  if (current_size == 0 || proposal.removed == 0) return Verdict::kApply;
  // Nothing at all where there was a list is how a failing or misconfigured platform answers far
  // more often than how a curated list ends; an operator who means it removes the export.
  if (proposal.size == 0) return Verdict::kRefuseEmpty;
  const double removed = static_cast<double>(proposal.removed) / static_cast<double>(current_size);
  if (removed <= shrink_guard) return Verdict::kApply;
  if (full && held && *held == proposal.id_hash) return Verdict::kApply;
  return Verdict::kHoldShrink;
}

}  // namespace tcfeed::exports
