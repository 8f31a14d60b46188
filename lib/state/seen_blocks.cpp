#include "lib/state/seen_blocks.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <utility>

#include "lib/state/database.hpp"
#include "lib/state/seen_block_codec.hpp"
#include "lib/state/state_error.hpp"

namespace tcfeed::state {
namespace {

std::string hex_key(std::uint64_t key) {
  char text[19];
  std::snprintf(text, sizeof text, "0x%016llx", static_cast<unsigned long long>(key));
  return text;
}

[[noreturn]] void damaged(const Database& db, const std::string& connector, std::uint64_t first_key,
                          const std::string& what) {
  db.fail("seen_blocks: the block of connector " + connector + " at key " + hex_key(first_key) + " " + what +
          "; the file is damaged: restore it from a backup or move it away");
}

SeenBlockRow row_of(const Query& query) {
  return SeenBlockRow{from_sql_key(query.int64(0)), query.int64(1), std::string(query.blob(2))};
}

}  // namespace

std::size_t seen_block_entries(std::int64_t page_size) {
  return static_cast<std::size_t>(std::clamp<std::int64_t>(page_size / 256, 16, 256));
}

void read_seen_blocks(Database& db, std::int64_t connector_id, std::uint64_t from, std::size_t limit,
                      std::vector<SeenBlockRow>& rows) {
  auto query = db.query(R"(SELECT first_key, entries, body FROM seen_blocks
                           WHERE connector_id = ?1 AND first_key >= coalesce(
                             (SELECT first_key FROM seen_blocks WHERE connector_id = ?1 AND first_key <= ?2
                              ORDER BY first_key DESC LIMIT 1), ?2)
                           ORDER BY first_key LIMIT ?3)");
  query.bind(1, connector_id).bind(2, to_sql_key(from)).bind(3, static_cast<std::int64_t>(limit));
  while (query.step()) rows.push_back(row_of(query));
}

void decode_seen_row(const Database& db, const std::string& connector, const SeenBlockRow& row,
                     std::vector<SeenEntry>& out) {
  if (!out.empty() && row.first_key <= out.back().key) damaged(db, connector, row.first_key, "overlaps the one before");
  if (!decode_seen_block(row.first_key, row.entries, row.body, out)) {
    damaged(db, connector, row.first_key,
            "does not decode (" + std::to_string(row.entries) + " entries in " + std::to_string(row.body.size()) +
                " bytes)");
  }
}

SeenBlockMerge::SeenBlockMerge(Database& db, std::int64_t connector_id, std::string connector,
                               std::size_t block_entries)
    : db_(db),
      connector_id_(connector_id),
      connector_(std::move(connector)),
      block_entries_(std::clamp<std::size_t>(block_entries, 1, kMaxSeenBlockEntries)) {}

void SeenBlockMerge::add(const SeenEntry& entry) {
  if (last_key_ && entry.key <= *last_key_) throw std::logic_error("seen entries merged out of key order");
  last_key_ = entry.key;
  if (open_ && range_end_ && entry.key >= *range_end_) close_range();
  if (!open_) open_range(entry.key);
  while (old_next_ < old_.size() && old_[old_next_].key < entry.key) merged_.push_back(old_[old_next_++]);
  if (old_next_ < old_.size() && old_[old_next_].key == entry.key) {
    changed_ = changed_ || old_[old_next_] != entry;
    ++old_next_;
  } else {
    changed_ = true;
  }
  merged_.push_back(entry);
  // Entries beyond the last block (a first poll: all of them) are written as they come, in full
  // blocks, rather than held until the end; a block is kept back so the last ones are split evenly.
  if (changed_ && merged_.size() >= 2 * block_entries_) {
    delete_loaded_row();
    write_block(std::span(merged_).first(block_entries_));
    merged_.erase(merged_.begin(), merged_.begin() + static_cast<std::ptrdiff_t>(block_entries_));
  }
}

void SeenBlockMerge::finish() {
  if (open_) close_range();
}

std::optional<SeenBlockRow> SeenBlockMerge::block_for(std::uint64_t key) {
  // The last block starting at or before `key`, or, for a key before every block, the first one
  // (which then starts earlier).
  {
    auto query = db_.query(R"(SELECT first_key, entries, body FROM seen_blocks WHERE connector_id = ? AND first_key <= ?
                              ORDER BY first_key DESC LIMIT 1)");
    query.bind(1, connector_id_).bind(2, to_sql_key(key));
    if (query.step()) return row_of(query);
  }
  auto query =
      db_.query("SELECT first_key, entries, body FROM seen_blocks WHERE connector_id = ? ORDER BY first_key LIMIT 1");
  query.bind(1, connector_id_);
  if (query.step()) return row_of(query);
  return std::nullopt;
}

void SeenBlockMerge::delete_loaded_row() {
  if (!loaded_first_) return;
  db_.query("DELETE FROM seen_blocks WHERE connector_id = ? AND first_key = ?")
      .bind(1, connector_id_)
      .bind(2, to_sql_key(*loaded_first_))
      .run();
  loaded_first_.reset();
}

void SeenBlockMerge::open_range(std::uint64_t key) {
  auto block = block_for(key);
  open_ = true;
  changed_ = false;
  old_.clear();
  old_next_ = 0;
  loaded_first_.reset();
  range_end_.reset();
  if (!block) return;  // no blocks yet: every entry is new
  loaded_first_ = block->first_key;
  decode_seen_row(db_, connector_, *block, old_);
  auto next = db_.query(R"(SELECT first_key FROM seen_blocks WHERE connector_id = ? AND first_key > ?
                           ORDER BY first_key LIMIT 1)");
  next.bind(1, connector_id_).bind(2, to_sql_key(block->first_key));
  if (next.step()) {
    range_end_ = from_sql_key(next.int64(0));
    if (old_.back().key >= *range_end_) damaged(db_, connector_, block->first_key, "overlaps the next one");
  }
}

void SeenBlockMerge::close_range() {
  while (old_next_ < old_.size()) merged_.push_back(old_[old_next_++]);
  if (changed_) {
    delete_loaded_row();
    // Equal parts: a block one entry past the maximum becomes two halves, not a full block and
    // a block of one.
    const std::size_t parts = (merged_.size() + block_entries_ - 1) / block_entries_;
    std::size_t begin = 0;
    for (std::size_t part = 0; part < parts; ++part) {
      const std::size_t end = merged_.size() * (part + 1) / parts;
      write_block(std::span(merged_).subspan(begin, end - begin));
      begin = end;
    }
  }
  merged_.clear();
  old_.clear();
  loaded_first_.reset();
  open_ = false;
}

void SeenBlockMerge::write_block(std::span<const SeenEntry> entries) {
  body_.clear();
  encode_seen_block(entries, body_);
  db_.query("INSERT INTO seen_blocks (connector_id, first_key, entries, body) VALUES (?, ?, ?, ?)")
      .bind(1, connector_id_)
      .bind(2, to_sql_key(entries.front().key))
      .bind(3, static_cast<std::int64_t>(entries.size()))
      .bind_blob(4, body_)
      .run();
}

void pack_seen_table(Database& db) {
  std::int64_t page_size = 0;
  {
    auto query = db.query("PRAGMA page_size");
    if (!query.step() || query.int64(0) <= 0) db.fail("cannot read the page size");
    page_size = query.int64(0);
  }
  const std::size_t block_entries = seen_block_entries(page_size);
  std::optional<SeenBlockMerge> merge;
  std::int64_t connector_id = 0;
  auto rows = db.query("SELECT connector_id, key, content, sent_at FROM seen ORDER BY connector_id, key");
  while (rows.step()) {
    if (!merge || rows.int64(0) != connector_id) {
      if (merge) merge->finish();
      connector_id = rows.int64(0);
      auto name = db.query("SELECT name FROM connector_ids WHERE id = ?");
      name.bind(1, connector_id);
      merge.emplace(db, connector_id, name.step() ? name.text(0) : "#" + std::to_string(connector_id), block_entries);
    }
    merge->add(SeenEntry{from_sql_key(rows.int64(1)), static_cast<std::uint32_t>(rows.int64(2)),
                         static_cast<std::uint32_t>(rows.int64(3))});
  }
  if (merge) merge->finish();
  rows.reset();
  db.exec("DROP TABLE seen");
}

}  // namespace tcfeed::state
