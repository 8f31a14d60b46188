#include "lib/exports/export_merge.hpp"

#include "lib/core/fingerprint.hpp"

namespace tcfeed::exports {

namespace {

// Counts what `proposal.entries` adds to, changes in and removes from `current`.
Proposal counted(const EntryMap& current, Proposal proposal) {
  for (const auto& [id, entry] : proposal.entries) {
    const auto found = current.find(id);
    if (found == current.end()) {
      ++proposal.added;
    } else if (!(found->second == entry)) {
      ++proposal.updated;
    }
  }
  for (const auto& [id, entry] : current) {
    if (!proposal.entries.contains(id)) ++proposal.removed;
  }
  return proposal;
}

void take(EntryMap& entries, std::vector<ExportEntry> read) {
  for (auto& entry : read) {
    const auto id = entry.id;
    entries.insert_or_assign(id, std::move(entry));
  }
}

}  // namespace

Proposal merge_full(const EntryMap& current, std::vector<ExportEntry> read) {
  Proposal proposal;
  take(proposal.entries, std::move(read));
  return counted(current, std::move(proposal));
}

Proposal merge_changes(const EntryMap& current, const std::vector<std::int64_t>& changed,
                       std::vector<ExportEntry> matching) {
  Proposal proposal;
  proposal.entries = current;
  for (auto id : changed) proposal.entries.erase(id);
  take(proposal.entries, std::move(matching));
  return counted(current, std::move(proposal));
}

std::string_view verdict_code(Verdict verdict) {
  switch (verdict) {
    case Verdict::kApply: return "apply";
    case Verdict::kHoldShrink: return "held_shrink";
    case Verdict::kRefuseEmpty: return "refused_empty";
  }
  return "apply";
}

std::uint64_t proposal_id_hash(const Proposal& proposal) {
  std::uint64_t hash = 0x9e3779b97f4a7c15ULL;
  for (const auto& [id, entry] : proposal.entries) {
    const std::string_view bytes(reinterpret_cast<const char*>(&id), sizeof id);
    hash = fingerprint64(bytes, hash);
  }
  return hash;
}

Verdict judge(std::size_t current_size, const Proposal& proposal, double shrink_guard, bool full,
              std::optional<std::uint64_t> held) {
  if (current_size == 0 || proposal.removed == 0) return Verdict::kApply;
  // Nothing at all where there was a list is how a failing or misconfigured platform answers far
  // more often than how a curated list ends; an operator who means it removes the export.
  if (proposal.entries.empty()) return Verdict::kRefuseEmpty;
  const double removed = static_cast<double>(proposal.removed) / static_cast<double>(current_size);
  if (removed <= shrink_guard) return Verdict::kApply;
  if (full && held && *held == proposal_id_hash(proposal)) return Verdict::kApply;
  return Verdict::kHoldShrink;
}

}  // namespace tcfeed::exports
