#include "lib/pipeline/stream/tag_memo.hpp"

#include <algorithm>
#include <cstring>

#include "lib/core/fingerprint.hpp"

namespace tcfeed::pipeline {

TagMemo::TagMemo() : slots_(std::make_unique<std::array<Slot, kSlots>>()) {}

std::uint64_t TagMemo::hash_of(std::span<const std::string_view> raw) {
  // Only picks the slot (same() decides), so a tag's first and last eight bytes and its length
  // stand for it: a full hash of every byte cost more than the cleaning the memo saves.
  std::uint64_t hash = raw.size();
  for (std::string_view tag : raw) {
    std::uint64_t head = 0;
    std::uint64_t tail = 0;
    if (tag.size() >= 8) {
      std::memcpy(&head, tag.data(), 8);
      std::memcpy(&tail, tag.data() + tag.size() - 8, 8);
    } else {
      for (const char c : tag) head = head << 8 | static_cast<unsigned char>(c);
    }
    hash = fingerprint_detail::fold_multiply(hash ^ head ^ tag.size(), fingerprint_detail::kMultiplier) ^ tail;
  }
  return fingerprint_detail::fold_multiply(hash, fingerprint_detail::kFinal);
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
