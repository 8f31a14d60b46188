#pragma once
// The body of one block of the seen set (docs/architecture.md, The state file): up to a few
// hundred entries of one connector, sorted by unsigned key, in about 9.7 bytes an entry instead of
// the 25 a row of their own took.
//
// The block's first key and its number of entries are kept beside the body (they are the table's
// key and a column), so the body holds, as bits (bit_stream.hpp):
//
//   rice parameter k          6 bits
//   distinct stamps D - 1     16 bits
//   first stamp               32 bits                 the stamps sorted ascending
//   stamp gap width w         6 bits (0 to 32)
//   D - 1 stamp gaps          w bits each, gap - 1
//   per entry, in key order:
//     key gap - 1             Golomb-Rice with parameter k (not for the first entry)
//     content                 32 bits
//     stamp index             bit_width(D - 1) bits, into the stamps
//   zero bits to the byte
//
// Fingerprint keys are uniform over 64 bits, so the gaps between n sorted keys are close to
// geometric with mean 2^64 / n: Rice coding with k near log2 of the mean gap takes about
// log2(mean) + 1.5 bits, within a tenth of a bit of what any code can do for a random set. A
// content fingerprint is random: 32 bits. sent_at is a run's stamp, so a block holds few distinct
// ones: a small dictionary and an index of a few bits (none when all are the same).
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lib/state/run.hpp"

namespace tcfeed::state {

// The most entries a body may hold; a count beyond it is a damaged block (the decoder refuses it
// before it allocates anything).
inline constexpr std::size_t kMaxSeenBlockEntries = 4096;

// Appends the body of `entries` to `out`. `entries`: 1 to kMaxSeenBlockEntries, keys strictly
// increasing (unsigned); anything else is a bug of the caller (std::logic_error).
void encode_seen_block(std::span<const SeenEntry> entries, std::string& out);

// Decodes a body written by encode_seen_block for a block whose first key is `first_key` and
// whose count is `count`, appending the entries to `out` in key order. Returns false, with `out`
// as it was, when the body is not exactly such a body (truncated, damaged, a count or key out of
// range): it never reads outside `body` and never allocates more than `count` entries.
bool decode_seen_block(std::uint64_t first_key, std::int64_t count, std::string_view body, std::vector<SeenEntry>& out);

}  // namespace tcfeed::state
