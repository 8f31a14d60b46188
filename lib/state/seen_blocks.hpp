#pragma once
// The seen_blocks table (docs/architecture.md, The state file): each connector's seen set as
// blocks of entries sorted by unsigned key, a row per block, its body encoded by
// seen_block_codec.hpp. Blocks of one connector never overlap: a block holds the keys from its
// first_key up to the next block's. Everything here runs on the store's connection with its lock
// held; writes inside the caller's transaction.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "lib/state/run.hpp"

namespace tcfeed::state {

class Database;

// The most entries a block is given in a file with pages of `page_size` bytes. A block stays far
// below the part of a row SQLite keeps on its page (about a quarter of a page; the rest would go
// to overflow pages of its own), and small enough that the space a page cannot use at its end —
// less than one row — stays near 2%; the fixed cost of a row (its key, count and header, about 22
// bytes) is then under 2% as well.
std::size_t seen_block_entries(std::int64_t page_size);

// One block as stored, before decoding.
struct SeenBlockRow {
  std::uint64_t first_key = 0;
  std::int64_t entries = 0;
  std::string body;
};

// Up to `limit` blocks of a connector in key order, starting with the one that holds `from` (or
// the first after it), appended to `rows`.
void read_seen_blocks(Database& db, std::int64_t connector_id, std::uint64_t from, std::size_t limit,
                      std::vector<SeenBlockRow>& rows);

// Appends the entries of `row` to `out`, which holds those of the blocks before it, if any. A body
// that does not decode, or a block that starts before the end of the one before it, is a damaged
// file: StateError naming the table, the connector and the block. Needs no lock: `db` only names
// the file.
void decode_seen_row(const Database& db, const std::string& connector, const SeenBlockRow& row,
                     std::vector<SeenEntry>& out);

// Merges entries into one connector's blocks: each replaces the entry with its key or joins the
// block its key falls in. Feed add() in strictly increasing key order, then finish(). A block is
// read when the first entry for it comes, and written once, merged, when the entries move past
// it — not at all when they changed nothing in it; one that grew past `block_entries` is split
// into equal parts. Past the last block, entries fill new blocks in order, `block_entries` each.
class SeenBlockMerge {
 public:
  // `connector`: the connector's name, for error messages.
  SeenBlockMerge(Database& db, std::int64_t connector_id, std::string connector, std::size_t block_entries);
  SeenBlockMerge(const SeenBlockMerge&) = delete;
  SeenBlockMerge& operator=(const SeenBlockMerge&) = delete;

  void add(const SeenEntry& entry);
  void finish();

 private:
  std::optional<SeenBlockRow> block_for(std::uint64_t key);
  void delete_loaded_row();  // before the first block of a range is written
  void open_range(std::uint64_t key);
  void close_range();
  void write_block(std::span<const SeenEntry> entries);

  Database& db_;
  std::int64_t connector_id_;
  std::string connector_;
  std::size_t block_entries_;
  bool open_ = false;
  std::optional<std::uint64_t> loaded_first_;  // the row of the block being merged, until it is deleted
  std::optional<std::uint64_t> range_end_;     // the next block's first key: later keys are its
  std::vector<SeenEntry> old_;                 // the block being merged, decoded
  std::size_t old_next_ = 0;                   // its first entry not yet merged
  std::vector<SeenEntry> merged_;              // merged, not written yet
  bool changed_ = false;
  std::optional<std::uint64_t> last_key_;
  std::string body_;
};

// Migration 7: packs the rows of the old `seen` table into seen_blocks, then drops it.
void pack_seen_table(Database& db);

}  // namespace tcfeed::state
