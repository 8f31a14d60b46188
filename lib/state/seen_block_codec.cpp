#include "lib/state/seen_block_codec.hpp"

#include <algorithm>
#include <bit>
#include <limits>
#include <stdexcept>

#include "lib/state/bit_stream.hpp"

namespace tcfeed::state {
namespace {

constexpr unsigned kRiceBits = 6;
constexpr unsigned kStampCountBits = 16;
constexpr unsigned kStampBits = 32;
constexpr unsigned kStampGapWidthBits = 6;
constexpr unsigned kContentBits = 32;
constexpr std::uint64_t kMaxKey = std::numeric_limits<std::uint64_t>::max();
static_assert(kMaxSeenBlockEntries <= std::uint64_t{1} << kStampCountBits);

// The Rice parameter that codes `entries`' key gaps in the fewest bits. The mean gap gives the
// neighbourhood (the best k for a geometric distribution lies within a bit or two of log2 of its
// mean); the exact cost of the few candidates there decides.
unsigned rice_parameter(std::span<const SeenEntry> entries) {
  const std::size_t gaps = entries.size() - 1;
  if (gaps == 0) return 0;
  const std::uint64_t total = entries.back().key - entries.front().key - gaps;  // sum of (gap - 1)
  const int around = std::bit_width(total / gaps) - 1;
  unsigned best = 0;
  std::uint64_t best_bits = kMaxKey;
  for (int candidate = std::max(around - 2, 0); candidate <= std::min(around + 1, 63); ++candidate) {
    const auto k = static_cast<unsigned>(candidate);
    std::uint64_t bits = gaps * (k + 1);
    for (std::size_t i = 1; i < entries.size(); ++i) bits += (entries[i].key - entries[i - 1].key - 1) >> k;
    if (bits < best_bits) {
      best_bits = bits;
      best = k;
    }
  }
  return best;
}

}  // namespace

void encode_seen_block(std::span<const SeenEntry> entries, std::string& out) {
  if (entries.empty() || entries.size() > kMaxSeenBlockEntries) {
    throw std::logic_error("a seen block holds 1 to " + std::to_string(kMaxSeenBlockEntries) + " entries, not " +
                           std::to_string(entries.size()));
  }
  for (std::size_t i = 1; i < entries.size(); ++i) {
    if (entries[i].key <= entries[i - 1].key) throw std::logic_error("seen block entries out of key order");
  }
  std::vector<std::uint32_t> stamps;
  stamps.reserve(entries.size());
  for (const auto& entry : entries) stamps.push_back(entry.sent_at);
  std::sort(stamps.begin(), stamps.end());
  stamps.erase(std::unique(stamps.begin(), stamps.end()), stamps.end());
  std::uint32_t widest_gap = 0;
  for (std::size_t i = 1; i < stamps.size(); ++i) widest_gap = std::max(widest_gap, stamps[i] - stamps[i - 1] - 1);
  const auto gap_width = static_cast<unsigned>(std::bit_width(widest_gap));
  const auto index_width = static_cast<unsigned>(std::bit_width(stamps.size() - 1));
  const unsigned k = rice_parameter(entries);

  BitWriter writer(out);
  writer.write(k, kRiceBits);
  writer.write(stamps.size() - 1, kStampCountBits);
  writer.write(stamps.front(), kStampBits);
  writer.write(gap_width, kStampGapWidthBits);
  for (std::size_t i = 1; i < stamps.size(); ++i) writer.write(stamps[i] - stamps[i - 1] - 1, gap_width);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (i > 0) {
      const std::uint64_t gap = entries[i].key - entries[i - 1].key - 1;
      writer.write_unary(gap >> k);
      writer.write(gap, k);
    }
    writer.write(entries[i].content, kContentBits);
    const auto index = std::lower_bound(stamps.begin(), stamps.end(), entries[i].sent_at) - stamps.begin();
    writer.write(static_cast<std::uint64_t>(index), index_width);
  }
  writer.finish();
}

bool decode_seen_block(std::uint64_t first_key, std::int64_t count, std::string_view body,
                       std::vector<SeenEntry>& out) {
  if (count < 1 || count > static_cast<std::int64_t>(kMaxSeenBlockEntries)) return false;
  const std::size_t start = out.size();
  const auto failed = [&] {
    out.resize(start);
    return false;
  };
  BitReader reader(body);
  const auto k = static_cast<unsigned>(reader.read(kRiceBits));
  const std::uint64_t stamp_count = reader.read(kStampCountBits) + 1;
  if (stamp_count > static_cast<std::uint64_t>(count)) return failed();
  std::vector<std::uint32_t> stamps;
  stamps.reserve(stamp_count);
  stamps.push_back(static_cast<std::uint32_t>(reader.read(kStampBits)));
  const auto gap_width = static_cast<unsigned>(reader.read(kStampGapWidthBits));
  if (gap_width > kStampBits) return failed();
  while (stamps.size() < stamp_count) {
    const std::uint64_t next = std::uint64_t{stamps.back()} + reader.read(gap_width) + 1;
    if (next > std::numeric_limits<std::uint32_t>::max()) return failed();
    stamps.push_back(static_cast<std::uint32_t>(next));
  }
  if (reader.overrun()) return failed();
  const auto index_width = static_cast<unsigned>(std::bit_width(stamp_count - 1));

  out.reserve(start + static_cast<std::size_t>(count));
  std::uint64_t key = first_key;
  for (std::int64_t i = 0; i < count; ++i) {
    if (i > 0) {
      const std::uint64_t quotient = reader.read_unary();
      if (reader.overrun() || quotient > (kMaxKey >> k)) return failed();
      const std::uint64_t gap = (quotient << k | reader.read(k));  // the gap - 1
      if (gap >= kMaxKey - key) return failed();                   // past the largest key
      key += gap + 1;
    }
    const auto content = static_cast<std::uint32_t>(reader.read(kContentBits));
    const std::uint64_t index = reader.read(index_width);
    if (reader.overrun() || index >= stamp_count) return failed();
    out.push_back(SeenEntry{key, content, stamps[index]});
  }
  // Exactly the body: what is left is the last byte's zero padding.
  if (reader.bits_left() >= 8 || !reader.rest_is_zero()) return failed();
  return true;
}

}  // namespace tcfeed::state
