// Reading the large per-connector sets — the seen set and full-list snapshots — a chunk at a time.
// Each chunk is read under the lock, then handed to the callback without it: a set of millions
// streams without holding up the senders, and the callback may use the store itself.
#include <limits>

#include "lib/state/database.hpp"
#include "lib/state/migrations.hpp"
#include "lib/state/seen_blocks.hpp"
#include "lib/state/state_store.hpp"

namespace tcfeed::state {
namespace {

constexpr std::int64_t kChunkRows = 4096;
constexpr std::size_t kChunkBlocks = 64;  // about 8,000 entries
constexpr std::int64_t kFirstKey = std::numeric_limits<std::int64_t>::min();

// Pages through rows keyed by stored key (>= `from`, ascending, kChunkRows at a time): `read_chunk`
// reads one page under the lock into `rows` and returns the last stored key it read.
template <typename Row, typename ReadChunk, typename Each>
void stream_by_key(std::mutex& mutex, ReadChunk read_chunk, const Each& each) {
  std::vector<Row> rows;
  std::int64_t from = kFirstKey;
  while (true) {
    rows.clear();
    std::int64_t last = 0;
    {
      std::lock_guard lock(mutex);
      last = read_chunk(from, rows);
    }
    for (const auto& row : rows) each(row);
    if (static_cast<std::int64_t>(rows.size()) < kChunkRows || last == std::numeric_limits<std::int64_t>::max()) {
      return;
    }
    from = last + 1;
  }
}

}  // namespace

void StateStore::load_seen(const std::string& connector, const std::function<void(const SeenEntry&)>& each) const {
  std::optional<std::int64_t> id;
  {
    std::lock_guard lock(mutex_);
    if (!has_schema(kOutboxSchema)) return;
    id = connector_id(connector);
  }
  if (!id) return;
  if (!has_schema(kSeenBlocksSchema)) {  // a read-only open of a file from before the blocks
    stream_by_key<SeenEntry>(
        mutex_,
        [&](std::int64_t from, std::vector<SeenEntry>& rows) {
          auto query = db_->query(R"(SELECT key, content, sent_at FROM seen
                                     WHERE connector_id = ? AND key >= ? ORDER BY key LIMIT ?)");
          query.bind(1, *id).bind(2, from).bind(3, kChunkRows);
          std::int64_t last = from;
          while (query.step()) {
            last = query.int64(0);
            rows.push_back(SeenEntry{from_sql_key(last), static_cast<std::uint32_t>(query.int64(1)),
                                     static_cast<std::uint32_t>(query.int64(2))});
          }
          return last;
        },
        each);
    return;
  }
  // A chunk of blocks is read under the lock and decoded without it. Each chunk after the first
  // starts with the block that holds the key after the last one handed over, and skips what was
  // handed over already: the same entries in the same order even if a commit re-split blocks
  // between two chunks.
  std::vector<SeenBlockRow> rows;
  std::vector<SeenEntry> entries;
  std::uint64_t from = 0;
  while (true) {
    rows.clear();
    {
      std::lock_guard lock(mutex_);
      read_seen_blocks(*db_, *id, from, kChunkBlocks, rows);
    }
    entries.clear();
    for (const auto& row : rows) decode_seen_row(*db_, connector, row, entries);
    for (const auto& entry : entries) {
      if (entry.key >= from) each(entry);
    }
    if (rows.size() < kChunkBlocks || entries.back().key == std::numeric_limits<std::uint64_t>::max()) return;
    from = entries.back().key + 1;
  }
}

void StateStore::removed_members(RunId run, const std::string& connector,
                                 const std::function<void(const SnapshotMember&)>& each) const {
  std::optional<std::int64_t> id;
  {
    std::lock_guard lock(mutex_);
    check_run(run, connector);
    id = connector_id(connector);
  }
  if (!id) return;  // never committed a snapshot: nothing can have been removed
  stream_by_key<SnapshotMember>(
      mutex_,
      [&](std::int64_t from, std::vector<SnapshotMember>& rows) {
        auto query = db_->query(R"(SELECT key, type, value FROM snapshot_members m
                                   WHERE m.connector_id = ? AND m.key >= ?
                                     AND NOT EXISTS (SELECT 1 FROM staged_members s
                                                     WHERE s.run_id = ? AND s.key = m.key)
                                   ORDER BY m.key LIMIT ?)");
        query.bind(1, *id).bind(2, from).bind(3, run).bind(4, kChunkRows);
        std::int64_t last = from;
        while (query.step()) {
          last = query.int64(0);
          rows.push_back(SnapshotMember{from_sql_key(last), query.text(1), query.text(2)});
        }
        return last;
      },
      each);
}

std::int64_t StateStore::snapshot_size(const std::string& connector) const {
  return count_connector_rows("snapshot_members", kOutboxSchema, connector);
}

}  // namespace tcfeed::state
