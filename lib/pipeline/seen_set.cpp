#include "lib/pipeline/seen_set.hpp"

#include <algorithm>
#include <utility>

namespace tcfeed::pipeline {
namespace {

// Robin Hood probing keeps misses short even this full.
constexpr double kMaxLoad = 0.9;
// A gentle growth factor keeps the table between 69% and 90% full: the memory budget is about
// 24 bytes per indicator (issue 5), and rehashing stays amortized O(1).
constexpr double kGrowth = 1.3;
constexpr std::size_t kInitialCapacity = 1024;

}  // namespace

const SeenSet::Entry* SeenSet::find(std::uint64_t key) const {
  return const_cast<SeenSet*>(this)->locate(stored_key(key));
}

SeenSet::Entry* SeenSet::locate(std::uint64_t key) {
  if (size_ == 0) return nullptr;
  std::size_t slot = home(key);
  for (std::size_t probe = 0;; ++probe) {
    Entry& entry = slots_[slot];
    // A resident closer to its home than we are to ours means our key would have displaced it.
    if (entry.key == 0 || distance(slot, entry.key) < probe) return nullptr;
    if (entry.key == key) return &entry;
    if (++slot == slots_.size()) slot = 0;
  }
}

void SeenSet::put(std::uint64_t key, std::uint32_t content, std::uint32_t sent_at) {
  key = stored_key(key);
  if (Entry* entry = locate(key)) {
    entry->content = content;
    entry->sent_at = sent_at;
    return;
  }
  if (static_cast<double>(size_ + 1) > kMaxLoad * static_cast<double>(slots_.size())) {
    grow(std::max(kInitialCapacity, static_cast<std::size_t>(static_cast<double>(slots_.size()) * kGrowth) + 1));
  }
  insert_new({key, content, sent_at});
  ++size_;
}

void SeenSet::insert_new(Entry entry) {
  std::size_t slot = home(entry.key);
  std::size_t probe = 0;
  for (;;) {
    Entry& resident = slots_[slot];
    if (resident.key == 0) {
      resident = entry;
      return;
    }
    const std::size_t resident_distance = distance(slot, resident.key);
    if (resident_distance < probe) {  // take from the rich: the resident moves on
      std::swap(resident, entry);
      probe = resident_distance;
    }
    if (++slot == slots_.size()) slot = 0;
    ++probe;
  }
}

void SeenSet::grow(std::size_t capacity) {
  ZeroedArray<Entry> old = std::move(slots_);
  slots_ = ZeroedArray<Entry>(capacity);
  for (const Entry& entry : old) {
    if (entry.key != 0) insert_new(entry);
  }
}

void SeenSet::reserve(std::size_t entries) {
  const auto needed = static_cast<std::size_t>(static_cast<double>(entries) / kMaxLoad) + 1;
  if (needed > slots_.size()) grow(needed);
}

void SeenSet::clear() {
  slots_ = ZeroedArray<Entry>();
  size_ = 0;
}

}  // namespace tcfeed::pipeline
