#pragma once
// The tags a list of a source's raw tags became, remembered (docs/architecture.md, Stream). A feed
// repeats a few hundred tag lists over a million records ("elf,mirai" and "malware_download" on
// most of URLhaus), and cleaning each tag, dropping the feed's own names and deduplicating the
// list again for every record was a tenth of an ingest run. Direct-mapped and bounded: a slot
// holds the last list that hashed to it, so a feed whose every record has its own tags costs a
// hash and a compare per record and never more memory than the slots.
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lib/indicators/reject.hpp"

namespace tcfeed::pipeline {

class TagMemo {
 public:
  // What one list became: the tags sent, and what cleaning took (counted each time it is used).
  struct Outcome {
    std::vector<std::string_view> tags;       // into the memo's own copy, valid until the next remember()
    std::size_t cut = 0;                      // tags sent cut to the platform's length
    std::vector<indicators::Reject> dropped;  // tags cleaning refused, by why
  };

  TagMemo();

  // What `raw` became when it was last remembered, or nullptr.
  const Outcome* find(std::span<const std::string_view> raw);
  // Remembers that `raw` became `outcome`, in place of the list that shared its slot. A list longer
  // than a slot holds is not remembered.
  void remember(std::span<const std::string_view> raw, const Outcome& outcome);

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::vector<std::string_view> raw;  // into `text`
    Outcome outcome;                    // its tags into `text` too
    std::string text;
    bool used = false;
  };
  static constexpr std::size_t kSlots = 1024;
  // Raw and cleaned tags of one list together: longer lists are rare and are cleaned each time.
  static constexpr std::size_t kMostSlotBytes = 1024;

  static std::uint64_t hash_of(std::span<const std::string_view> raw);
  static bool same(const Slot& slot, std::span<const std::string_view> raw);

  std::unique_ptr<std::array<Slot, kSlots>> slots_;
};

}  // namespace tcfeed::pipeline
