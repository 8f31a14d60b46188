#include "lib/pipeline/stream/tag_memo.hpp"

#include <algorithm>

#include "lib/core/fingerprint.hpp"

namespace tcfeed::pipeline {

TagMemo::TagMemo() : slots_(std::make_unique<std::array<Slot, kSlots>>()) {}

std::uint64_t TagMemo::hash_of(std::span<const std::string_view> raw) {
  // Each tag's hash seeds the next: the list ["a", "b"] and the single tag "ab" differ, since the
  // length of each tag goes into its own hash.
  std::uint64_t hash = raw.size();
  for (std::string_view tag : raw) hash = fingerprint64(tag, hash);
  return hash;
}

bool TagMemo::same(const Slot& slot, std::span<const std::string_view> raw) {
  return slot.used && std::equal(slot.raw.begin(), slot.raw.end(), raw.begin(), raw.end());
}

const TagMemo::Outcome* TagMemo::find(std::span<const std::string_view> raw) {
  const std::uint64_t hash = hash_of(raw);
  const Slot& slot = (*slots_)[hash % kSlots];
  return slot.hash == hash && same(slot, raw) ? &slot.outcome : nullptr;
}

void TagMemo::remember(std::span<const std::string_view> raw, const Outcome& outcome) {
  std::size_t bytes = 0;
  for (std::string_view tag : raw) bytes += tag.size();
  for (std::string_view tag : outcome.tags) bytes += tag.size();
  if (bytes > kMostSlotBytes) return;
  const std::uint64_t hash = hash_of(raw);
  Slot& slot = (*slots_)[hash % kSlots];
  slot.used = false;
  slot.text.clear();
  slot.text.reserve(bytes);  // views into it are taken below: it must not move while it fills
  const auto keep = [&](std::string_view tag) {
    const std::size_t at = slot.text.size();
    slot.text.append(tag);
    return std::string_view(slot.text).substr(at, tag.size());
  };
  slot.raw.clear();
  for (std::string_view tag : raw) slot.raw.push_back(keep(tag));
  slot.outcome.tags.clear();
  for (std::string_view tag : outcome.tags) slot.outcome.tags.push_back(keep(tag));
  slot.outcome.cut = outcome.cut;
  slot.outcome.dropped = outcome.dropped;
  slot.hash = hash;
  slot.used = true;
}

}  // namespace tcfeed::pipeline
