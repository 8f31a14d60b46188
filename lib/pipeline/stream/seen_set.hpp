#pragma once
// The seen set of one connector in memory (docs/architecture.md, Stream): for each indicator fingerprint, a
// fingerprint of what was last sent and when. Robin Hood open addressing over 16-byte slots kept
// up to 90% full, so a million indicators cost about 20 bytes each, and a miss — the common case
// on a first run — stops after a few probes.
#include <cstddef>
#include <cstdint>

#include "lib/core/fingerprint.hpp"
#include "lib/core/zeroed_array.hpp"

namespace tcfeed::pipeline {

class SeenSet {
 public:
  struct Entry {
    std::uint64_t key = 0;      // indicator fingerprint; 0 marks an empty slot
    std::uint32_t content = 0;  // fingerprint of the indicator as last sent
    std::uint32_t sent_at = 0;  // unix seconds
  };

  // The entry for `key`, or nullptr. Valid until the next insert.
  const Entry* find(std::uint64_t key) const;
  // Starts loading `key`'s slot into the cache, so that a find() a little later does not wait for
  // memory: on a large table nearly every probe is a cache miss.
  // Unconditional on purpose: GCC 12 drops a prefetch that sits alone in a branch, and
  // prefetching an empty table's null base never faults.
  void prefetch(std::uint64_t key) const { __builtin_prefetch(slots_.begin() + home(stored_key(key))); }
  // Inserts or overwrites.
  void put(std::uint64_t key, std::uint32_t content, std::uint32_t sent_at);
  // put() for a key that find() has just not found, without looking for it a second time.
  void put_absent(std::uint64_t key, std::uint32_t content, std::uint32_t sent_at);

  std::size_t size() const { return size_; }
  std::size_t memory_bytes() const { return slots_.size() * sizeof(Entry); }
  // The longest distance of any entry from its home slot: what the worst find() walks. A few
  // dozen whatever the order keys came in; tests check it stays so.
  std::size_t longest_probe() const;
  void reserve(std::size_t entries);
  void clear();

 private:
  // Fingerprint 0 would read as an empty slot.
  static std::uint64_t stored_key(std::uint64_t key) { return key == 0 ? 1 : key; }
  // The key's high bits pick the slot, after a multiply by an odd constant (a bijection) has
  // scattered them: keys arrive sorted when the set is loaded from the state file, and sorted keys
  // mapped by their own high bits all fall into the table's first slots while it is still growing
  // towards its final size, one cluster every insert walks whole (929,327 entries took minutes).
  std::size_t home(std::uint64_t key) const {
    const std::uint64_t scattered = key * 0x9e3779b97f4a7c15u;
    return static_cast<std::size_t>((static_cast<Uint128>(scattered) * slots_.size()) >> 64);
  }
  std::size_t distance(std::size_t slot, std::uint64_t key) const {
    const std::size_t start = home(key);
    return slot >= start ? slot - start : slot + slots_.size() - start;
  }
  Entry* locate(std::uint64_t stored);
  void grow(std::size_t capacity);
  void insert_new(Entry entry);

  ZeroedArray<Entry> slots_;
  std::size_t size_ = 0;
};

}  // namespace tcfeed::pipeline
