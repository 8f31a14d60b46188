#include "lib/state/migrations.hpp"

#include "lib/state/seen_blocks.hpp"

namespace tcfeed::state {
namespace {

constexpr Migration kMigrations[] = {
    // 1: connector cursors.
    {R"(CREATE TABLE cursors (
         connector TEXT PRIMARY KEY,
         position TEXT NOT NULL DEFAULT '',
         etag TEXT NOT NULL DEFAULT '',
         last_modified TEXT NOT NULL DEFAULT '',
         updated_at INTEGER NOT NULL
       ) STRICT;)"},
    // 2: the platform's ATT&CK tag names.
    {R"(CREATE TABLE attack_tags (
         technique_id TEXT PRIMARY KEY,
         name TEXT NOT NULL,
         fetched_at INTEGER NOT NULL
       ) STRICT;)"},
    // 3: the delivery state (docs/architecture.md, Outbox tables). A poll run stages rows under its
    // run id; commit_run makes them visible in one transaction with the cursor. Keys are 64-bit
    // fingerprints stored with the top bit flipped (see to_sql_key) so the primary key orders them
    // unsigned. The large tables (seen, snapshot members) refer to connectors by a small integer
    // instead of repeating the name in every one of millions of rows; AUTOINCREMENT keeps run and
    // batch ids from ever being reused, so a stale id held by a thread can never address another
    // run's rows. A batch split because it was too large keeps the id it was split from in
    // split_of: its parts take its place in the queue.
    {R"(CREATE TABLE connector_ids (
         id INTEGER PRIMARY KEY,
         name TEXT NOT NULL UNIQUE
       ) STRICT;
       CREATE TABLE runs (
         id INTEGER PRIMARY KEY AUTOINCREMENT,
         connector TEXT NOT NULL,
         started_at INTEGER NOT NULL
       ) STRICT;
       CREATE TABLE batches (
         id INTEGER PRIMARY KEY AUTOINCREMENT,
         state TEXT NOT NULL CHECK (state IN ('staged', 'pending')),
         run_id INTEGER CHECK ((state = 'staged') = (run_id IS NOT NULL)),
         connector TEXT NOT NULL,
         owner TEXT NOT NULL,
         settings_json TEXT NOT NULL,
         document TEXT NOT NULL,
         indicators INTEGER NOT NULL,
         job_id INTEGER,
         uploaded INTEGER NOT NULL DEFAULT 0 CHECK (uploaded IN (0, 1)),
         attempts INTEGER NOT NULL DEFAULT 0,
         next_attempt_at INTEGER NOT NULL,
         last_error TEXT NOT NULL DEFAULT '',
         created_at INTEGER NOT NULL,
         split_of INTEGER
       ) STRICT;
       CREATE INDEX batches_due ON batches (owner, state, created_at, id);
       CREATE INDEX batches_staged ON batches (run_id) WHERE run_id IS NOT NULL;
       CREATE TABLE staged_seen (
         run_id INTEGER NOT NULL,
         key INTEGER NOT NULL,
         content INTEGER NOT NULL,
         sent_at INTEGER NOT NULL,
         PRIMARY KEY (run_id, key)
       ) STRICT, WITHOUT ROWID;
       CREATE TABLE seen (
         connector_id INTEGER NOT NULL,
         key INTEGER NOT NULL,
         content INTEGER NOT NULL,
         sent_at INTEGER NOT NULL,
         PRIMARY KEY (connector_id, key)
       ) STRICT, WITHOUT ROWID;
       CREATE TABLE staged_members (
         run_id INTEGER NOT NULL,
         key INTEGER NOT NULL,
         type TEXT NOT NULL,
         value TEXT NOT NULL,
         PRIMARY KEY (run_id, key)
       ) STRICT, WITHOUT ROWID;
       CREATE TABLE snapshot_members (
         connector_id INTEGER NOT NULL,
         key INTEGER NOT NULL,
         type TEXT NOT NULL,
         value TEXT NOT NULL,
         PRIMARY KEY (connector_id, key)
       ) STRICT, WITHOUT ROWID;
       CREATE TABLE dead_letters (
         id INTEGER PRIMARY KEY AUTOINCREMENT,
         connector TEXT NOT NULL,
         owner TEXT NOT NULL,
         settings_json TEXT NOT NULL,
         indicator_json TEXT NOT NULL,
         reason TEXT NOT NULL,
         at INTEGER NOT NULL
       ) STRICT;
       CREATE INDEX dead_letters_owner ON dead_letters (owner);)"},
    // 4: what an incremental feed with `expire_after` last mentioned, and when (unix seconds), so
    // what it stopped mentioning can be deactivated. Staged like a snapshot's members (in
    // staged_members), upserted at commit. The index serves the expiry: the oldest mentions of
    // one connector first, without reading the ones still fresh.
    {R"(CREATE TABLE mentions (
         connector_id INTEGER NOT NULL,
         key INTEGER NOT NULL,
         type TEXT NOT NULL,
         value TEXT NOT NULL,
         last_mentioned INTEGER NOT NULL,
         PRIMARY KEY (connector_id, key)
       ) STRICT, WITHOUT ROWID;
       CREATE INDEX mentions_by_age ON mentions (connector_id, last_mentioned, key);)"},
    // 5: documents in their own table (docs/architecture.md, The state file). In `batches` the
    // document sat mid-row, so reading any later column (next_attempt_at to pick a due batch) and
    // rewriting any column (job_id, uploaded, state) walked or rewrote its megabyte of overflow
    // pages. Now a batch row is a few dozen bytes, and a document is written once and read once.
    // The documents go with their batch (ON DELETE CASCADE), so every path that deletes batches
    // deletes them too.
    {R"(CREATE TABLE batch_documents (
         batch_id INTEGER PRIMARY KEY REFERENCES batches (id) ON DELETE CASCADE,
         document TEXT NOT NULL
       ) STRICT;
       INSERT INTO batch_documents (batch_id, document) SELECT id, document FROM batches;
       ALTER TABLE batches DROP COLUMN document;)"},
    // 6: a run's seen entries are staged in memory (StateStore::stage_seen), no longer here. Kept in
    // key order while staging, every staging transaction touched pages all over the table and
    // wrote them to the log again, and the commit copied and deleted them once more: most of the
    // cost of a million-indicator first poll. Rows of runs in progress only, discarded at start.
    {R"(DROP TABLE staged_seen;)"},
    // 7: the seen set in packed blocks (docs/architecture.md, The state file). A row per entry took
    // 25 bytes and more: 24.6 MB for the 929,327 indicators of the 1M-row benchmark. A block holds
    // up to a few hundred entries of one connector in about 10 bytes each (seen_block_codec.hpp);
    // first_key is its smallest key (sign-flipped, as everywhere), entries how many it holds.
    // pack_seen_table packs the rows of `seen` in key order, then drops the table.
    {R"(CREATE TABLE seen_blocks (
          connector_id INTEGER NOT NULL,
          first_key INTEGER NOT NULL,
          entries INTEGER NOT NULL,
          body BLOB NOT NULL,
          PRIMARY KEY (connector_id, first_key)
        ) STRICT, WITHOUT ROWID;)",
     pack_seen_table},
    // 8: the last good list of each export (docs/exports.md), so a restart serves it at once, before
    // ThreatConnect answers. The list is one encoded blob (lib/exports owns its format): a refresh
    // replaces it whole, in one transaction, so a list is never half of one refresh and half of
    // another. `since` is the lastModified mark the next incremental read starts from; held_shrink
    // identifies a shrink kept back until a full read confirms it (docs/exports.md, Safety).
    {R"(CREATE TABLE export_lists (
          name TEXT PRIMARY KEY,
          entries BLOB NOT NULL,
          entry_count INTEGER NOT NULL,
          since TEXT NOT NULL,
          refreshed_at INTEGER NOT NULL,
          full_at INTEGER NOT NULL,
          held_shrink INTEGER
        ) STRICT;)"},
    // 9: the source ids a connector mapped (source_ref.hpp): a STIX indicator's id → its type and
    // summary, a STIX group's id → its xid, so that a relationship read in a later poll can name
    // both ends (docs/architecture.md, Groups). Pruned by age and count (seen_at's index).
    {R"(CREATE TABLE source_refs (
          connector_id INTEGER NOT NULL,
          ref TEXT NOT NULL,
          kind TEXT NOT NULL,
          value TEXT NOT NULL,
          seen_at INTEGER NOT NULL,
          UNIQUE (connector_id, ref, kind, value)
        ) STRICT;
        CREATE INDEX source_refs_by_age ON source_refs (connector_id, seen_at);)"},
};

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }

}  // namespace tcfeed::state
