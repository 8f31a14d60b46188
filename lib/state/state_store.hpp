#pragma once
// The state database (SQLite): numbered migrations, WAL, synchronous=FULL, one writer connection
// shared by the daemon's threads. It keeps connector cursors, the outbox (docs/architecture.md,
// Outbox tables), the seen set, full-list snapshots, the mentions of incremental feeds, dead
// letters and the platform's ATT&CK tag list.
//
// Every public method is thread-safe: one mutex serialises the connection, and every write is one
// BEGIN IMMEDIATE transaction inside one call — no transaction spans calls, so threads never see
// each other's half-done work. Any SQLite failure throws StateError. Callbacks (load_seen,
// removed_members) run without the lock held, a chunk of rows at a time, so they may call back
// into the store and do not stall the senders while a large set streams.
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lib/state/cursor.hpp"
#include "lib/state/export_list_row.hpp"
#include "lib/state/outbox.hpp"
#include "lib/state/run.hpp"
#include "lib/state/source_ref.hpp"
#include "lib/state/state_error.hpp"
#include "lib/state/state_lock.hpp"

namespace tcfeed::state {

class Database;

class StateStore {
 public:
  enum class Mode { ReadWrite, ReadOnly };

  // Opens (creating and migrating in ReadWrite mode) the database at `path`. ReadOnly never
  // writes; on a database not yet migrated it reads what the old schema has and empty otherwise.
  StateStore(const std::string& path, Mode mode);
  ~StateStore();
  StateStore(const StateStore&) = delete;
  StateStore& operator=(const StateStore&) = delete;

  int schema_version() const;

  // Cursors.
  std::optional<Cursor> cursor(const std::string& connector) const;
  void save_cursor(const std::string& connector, const Cursor& cursor);
  std::vector<std::pair<std::string, Cursor>> cursors() const;  // by connector name

  // The platform's ATT&CK tag list (technique id, name), cached with the time it was fetched.
  std::vector<std::pair<std::string, std::string>> attack_tags(std::int64_t fetched_since) const;
  void replace_attack_tags(const std::vector<std::pair<std::string, std::string>>& tags, std::int64_t fetched_at);

  // Runs. A poll run stages rows; commit_run makes them visible together with the new cursor in
  // ONE transaction, so the cursor never moves past data that is not safely in the outbox. Staged
  // rows are invisible to next_due, backlog and outbox_size. Staging calls naming a run that is not
  // open, or another connector's run, throw StateError.
  RunId begin_run(const std::string& connector);
  void stage_batch(RunId run, const std::string& connector, const std::string& owner, const std::string& settings_json,
                   std::string_view document, std::int64_t indicators, std::int64_t now_unix);
  void stage_seen(RunId run, const std::string& connector, std::span<const SeenEntry> entries);
  void stage_snapshot_members(RunId run, const std::string& connector, std::span<const SnapshotMember> members);
  // Staged batches → pending, staged seen → merged into the connector's seen blocks (an entry
  // replaces the one with its key; of a key staged twice the later wins), staged members → the
  // connector's snapshot (replacing it) when `replace_snapshot`, or its mentions when `mentions`
  // is given (see MentionUpdate), discarded otherwise; and the cursor — in one transaction. The
  // run is closed afterwards.
  void commit_run(RunId run, const std::string& connector, const Cursor& next, bool replace_snapshot,
                  const std::optional<MentionUpdate>& mentions = std::nullopt);
  // A checkpoint of a run still in progress (docs/architecture.md, Checkpoints): what the run
  // staged so far becomes visible as commit_run makes it — batches pending, seen entries merged —
  // with `cursor`, in one transaction; the run stays open and stages on. Staged members are
  // recorded as mentions at `mentioned_at` when given (expire_after) and discarded otherwise, so a
  // run that replaces a snapshot must never checkpoint.
  void checkpoint_run(RunId run, const std::string& connector, const Cursor& cursor,
                      std::optional<std::int64_t> mentioned_at = std::nullopt);
  void abandon_run(RunId run);  // deletes what the run staged; an unknown run is a no-op
  // At start, before any begin_run: the staged rows of runs that never committed (a crash).
  // Returns the number of batches removed.
  std::int64_t discard_abandoned_runs();

  // Snapshot feeds: members of the previous snapshot that the staged run does not contain (the
  // removed ones), in unsigned key order; and the previous snapshot's size for the removal guard.
  void removed_members(RunId run, const std::string& connector,
                       const std::function<void(const SnapshotMember&)>& each) const;
  std::int64_t snapshot_size(const std::string& connector) const;

  // Incremental feeds with `expire_after`: the mentions last made before `mentioned_before` that
  // the staged run does not mention again (the expired ones), oldest first, a page at a time;
  // and how many mentions the connector has.
  void expired_mentions(RunId run, const std::string& connector, std::int64_t mentioned_before,
                        const std::function<void(const SnapshotMember&)>& each) const;
  std::int64_t mention_count(const std::string& connector) const;

  // The source ids a connector mapped (source_ref.hpp). Staged with a run and written by its
  // commit; looked up by a later run (every kind and value `ref` had); pruned by age (seen before
  // `seen_before`) and count (the newest `max_rows` kept), returning the rows removed.
  void stage_source_refs(RunId run, const std::string& connector, std::span<const SourceRef> refs);
  std::vector<SourceRef> source_refs(const std::string& connector, std::string_view ref) const;
  std::int64_t prune_source_refs(const std::string& connector, std::int64_t seen_before, std::int64_t max_rows);
  std::int64_t source_ref_count(const std::string& connector) const;

  // The seen set of one connector, in unsigned key order, for loading the in-memory set.
  void load_seen(const std::string& connector, const std::function<void(const SeenEntry&)>& each) const;

  // Sending. next_due: the oldest (by creation time, then queue order; the parts of a split batch
  // take its place) pending or submitted batch of `owner` whose next attempt is due, skipping the
  // ids in flight.
  std::optional<OutboxBatch> next_due(const std::string& owner, std::int64_t now_unix,
                                      std::span<const std::int64_t> exclude_ids) const;
  std::vector<std::string> outbox_owners() const;  // owners with pending batches, sorted
  // The batch-updating calls below throw StateError when the batch is not in the outbox.
  void record_job(std::int64_t batch_id, std::int64_t job_id);  // committed BEFORE the upload
  void record_uploaded(std::int64_t batch_id);
  void reschedule(std::int64_t batch_id, std::int64_t next_attempt_unix, std::string_view error);  // attempts + 1
  // The job is gone or failed on the platform: the next attempt creates (and uploads) a new one.
  void forget_job(std::int64_t batch_id);
  // Replaces a batch the platform found too large by its parts (document, indicators), in one
  // transaction. The parts keep the batch's place in the queue and are due at once.
  void split_batch(std::int64_t batch_id, std::span<const std::pair<std::string, std::int64_t>> parts);
  // The batch is done: delete it and add its dead letters (at `now_unix`), in one transaction —
  // deleted only after the platform confirmed (osquery).
  void complete_batch(std::int64_t batch_id, std::span<const DeadLetter> dead_letters, std::int64_t now_unix);
  std::vector<OwnerBacklog> backlog() const;  // per owner with batches or dead letters, sorted
  std::int64_t outbox_size() const;           // pending batches, all owners

  // Dead letters, oldest first.
  std::vector<DeadLetter> dead_letters(std::int64_t limit) const;
  // Moves every dead letter back into pending batches (grouped by connector + owner + settings, at
  // most `max_indicators` per document {"indicator":[...]}); returns the indicators requeued.
  std::int64_t requeue_dead_letters(std::int64_t max_indicators, std::int64_t now_unix);

  // Exports (docs/exports.md): the last good list of one export, or nothing; replacing it is one
  // transaction.
  std::optional<ExportListRow> export_list(const std::string& name) const;
  void save_export_list(const ExportListRow& row);
  // The same without the entries (a refresh that changed no entry): no-op for an export never saved.
  void save_export_marks(const ExportListRow& row);

  // Operator command: forget the cursor, seen set, snapshot and mentions of one connector. Its batches in
  // the outbox and its dead letters stay: they are data already accepted.
  void reset_connector(const std::string& connector);

 private:
  void migrate();
  // After a batch left the outbox, with the mutex held and no transaction open: when the outbox
  // is empty and most of the file free, gives the free pages back to the file system
  // (docs/architecture.md, The state file).
  void release_free_pages_locked();
  static constexpr std::int64_t kFreeBytesWorthReleasing = 4 << 20;
  static constexpr std::int64_t kLogBytes = 8 << 20;  // the -wal file's size between checkpoints
  std::int64_t page_size() const;
  bool has_schema(int version) const { return schema_version_ >= version; }
  void save_cursor_locked(const std::string& connector, const Cursor& cursor);
  std::optional<std::int64_t> connector_id(const std::string& connector) const;
  // The rows `connector` has in `table` (a per-connector table named in the code, never from
  // input); 0 for a connector never seen, or before migration `schema` created the table.
  std::int64_t count_connector_rows(std::string_view table, int schema, const std::string& connector) const;
  std::int64_t ensure_connector_id(const std::string& connector);
  void check_run(RunId run, const std::string& connector) const;
  // Staged batches → pending and staged seen entries → the connector's blocks (commit_run and
  // checkpoint_run), inside the caller's transaction.
  void publish_staged_locked(RunId run, std::int64_t connector_id, const std::string& connector);
  void commit_mentions_locked(RunId run, std::int64_t connector_id, const MentionUpdate& mentions);
  void commit_source_refs_locked(RunId run, std::int64_t connector_id);
  void require_batch_changed(std::int64_t batch_id, const char* doing) const;

  mutable std::mutex mutex_;
  std::unique_ptr<Database> db_;
  std::map<RunId, std::deque<SeenEntry>> staged_seen_;   // per open run, in the order staged
  std::map<RunId, std::vector<SourceRef>> staged_refs_;  // per open run, in the order staged
  std::size_t seen_block_entries_ = 0;                   // the most a seen block is given in this file
  Mode mode_;
  int schema_version_ = 0;
};

}  // namespace tcfeed::state
