#include "lib/pipeline/stream/seen_set.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

namespace tcfeed::pipeline {
namespace {

// Robin Hood probing keeps misses short even this full.
constexpr double kMaxLoad = 0.9;
// Up to 16 MiB the table doubles: few rehashes on a first run, and the memory is small next to
// the process's budget whatever the fill. Past that a gentle factor keeps it between 69% and 90%
// full, within the 24 bytes per indicator that growth may cost (issue 5).
constexpr std::size_t kDoublingLimit = std::size_t{1} << 20;  // slots
constexpr double kGrowth = 1.3;
constexpr std::size_t kInitialCapacity = 1024;

std::size_t grown(std::size_t capacity) {
  if (capacity < kInitialCapacity) return kInitialCapacity;
  if (capacity < kDoublingLimit) return std::min(capacity * 2, kDoublingLimit);
  return static_cast<std::size_t>(static_cast<double>(capacity) * kGrowth) + 1;
}

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
  put_absent(key, content, sent_at);
}

void SeenSet::put_absent(std::uint64_t key, std::uint32_t content, std::uint32_t sent_at) {
  key = stored_key(key);
  if (static_cast<double>(size_ + 1) > kMaxLoad * static_cast<double>(slots_.size())) {
    grow(grown(slots_.size()));
  }
  insert_new({key, content, sent_at});
  ++size_;
}

void SeenSet::insert_new(Entry entry) {
  std::size_t slot = home(entry.key);
  // Past every resident at least as far from its home as the entry is from its own: in a Robin
  // Hood table a run of residents is ordered by home slot, so this is where the entry belongs.
  for (std::size_t probe = 0;; ++probe) {
    const Entry& resident = slots_[slot];
    if (resident.key == 0) {
      slots_[slot] = entry;
      return;
    }
    if (distance(slot, resident.key) < probe) break;
    if (++slot == slots_.size()) slot = 0;
  }
  // Taking that place moves every resident from there to the next empty slot one slot on, which
  // keeps the order. Swapping them on one by one did the same at a distance computation each,
  // and near 90% full the run to the next empty slot is dozens of slots long: as block moves.
  std::size_t empty = slot;
  do {
    if (++empty == slots_.size()) empty = 0;
  } while (slots_[empty].key != 0);
  Entry* const slots = slots_.begin();
  if (empty > slot) {
    std::memmove(slots + slot + 1, slots + slot, (empty - slot) * sizeof(Entry));
  } else {  // the run wraps around the end of the table
    std::memmove(slots + 1, slots, empty * sizeof(Entry));
    slots[0] = slots[slots_.size() - 1];
    std::memmove(slots + slot + 1, slots + slot, (slots_.size() - 1 - slot) * sizeof(Entry));
  }
  slots[slot] = entry;
}

void SeenSet::grow(std::size_t capacity) {
  ZeroedArray<Entry> old = std::move(slots_);
  slots_ = ZeroedArray<Entry>(capacity);
  for (const Entry& entry : old) {
    if (entry.key != 0) insert_new(entry);
  }
}

std::size_t SeenSet::longest_probe() const {
  std::size_t longest = 0;
  for (std::size_t slot = 0; slot < slots_.size(); ++slot) {
    if (slots_[slot].key != 0) longest = std::max(longest, distance(slot, slots_[slot].key));
  }
  return longest;
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
