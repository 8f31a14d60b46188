// The outbox as the batch sender drains it: pick the next due batch, record each step of its job
// durably before the next one, and delete it only once the platform confirmed (docs/architecture.md, Batch states).
#include <algorithm>

#include "lib/state/database.hpp"
#include "lib/state/migrations.hpp"
#include "lib/state/state_store.hpp"

namespace tcfeed::state {
namespace {

constexpr const char* kBatchColumns =
    "id, connector, owner, settings_json, indicators, job_id, uploaded, attempts, next_attempt_at, last_error, "
    "created_at";

OutboxBatch read_batch(const Query& row) {
  OutboxBatch batch;
  batch.id = row.int64(0);
  batch.connector = row.text(1);
  batch.owner = row.text(2);
  batch.settings_json = row.text(3);
  batch.indicators = row.int64(4);
  if (!row.is_null(5)) batch.job_id = row.int64(5);
  batch.uploaded = row.int64(6) != 0;
  batch.attempts = static_cast<int>(row.int64(7));
  batch.next_attempt_unix = row.int64(8);
  batch.last_error = row.text(9);
  batch.created_unix = row.int64(10);
  return batch;
}

}  // namespace

void StateStore::require_batch_changed(std::int64_t batch_id, const char* doing) const {
  if (db_->changes() != 1) {
    db_->fail(std::string("cannot ") + doing + ": batch " + std::to_string(batch_id) + " is not in the outbox");
  }
}

std::optional<OutboxBatch> StateStore::next_due(const std::string& owner, std::int64_t now_unix,
                                                std::span<const std::int64_t> exclude_ids) const {
  std::lock_guard lock(mutex_);
  if (!has_schema(kOutboxSchema)) return std::nullopt;
  // Ids first, the document only for the one chosen: in-flight batches are skipped without
  // reading their (large) documents.
  std::optional<std::int64_t> chosen;
  {
    auto due = db_->query(R"(SELECT id FROM batches WHERE owner = ? AND state = 'pending' AND next_attempt_at <= ?
                             ORDER BY created_at, coalesce(split_of, id), id)");
    due.bind(1, owner).bind(2, now_unix);
    while (!chosen && due.step()) {
      const std::int64_t id = due.int64(0);
      if (std::find(exclude_ids.begin(), exclude_ids.end(), id) == exclude_ids.end()) chosen = id;
    }
  }
  if (!chosen) return std::nullopt;
  OutboxBatch batch;
  {
    auto row = db_->query(std::string("SELECT ") + kBatchColumns + " FROM batches WHERE id = ?");
    row.bind(1, *chosen);
    if (!row.step()) return std::nullopt;
    batch = read_batch(row);
  }
  // A read-only open of a file from before kDocumentsSchema still has the document in the row.
  auto document = db_->query(has_schema(kDocumentsSchema) ? "SELECT document FROM batch_documents WHERE batch_id = ?"
                                                          : "SELECT document FROM batches WHERE id = ?");
  document.bind(1, *chosen);
  if (!document.step()) db_->fail("batch " + std::to_string(*chosen) + " has no document");
  batch.document = document.text(0);
  return batch;
}

std::vector<std::string> StateStore::outbox_owners() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> owners;
  if (!has_schema(kOutboxSchema)) return owners;
  auto query = db_->query("SELECT DISTINCT owner FROM batches WHERE state = 'pending' ORDER BY owner");
  while (query.step()) owners.push_back(query.text(0));
  return owners;
}

void StateStore::record_job(std::int64_t batch_id, std::int64_t job_id) {
  std::lock_guard lock(mutex_);
  Transaction transaction(*db_);
  db_->query("UPDATE batches SET job_id = ?, uploaded = 0 WHERE id = ? AND state = 'pending'")
      .bind(1, job_id)
      .bind(2, batch_id)
      .run();
  require_batch_changed(batch_id, "record the job id");
  transaction.commit();
}

void StateStore::record_uploaded(std::int64_t batch_id) {
  std::lock_guard lock(mutex_);
  Transaction transaction(*db_);
  db_->query("UPDATE batches SET uploaded = 1 WHERE id = ? AND state = 'pending' AND job_id IS NOT NULL")
      .bind(1, batch_id)
      .run();
  require_batch_changed(batch_id, "record the upload (the batch needs a job first)");
  transaction.commit();
}

void StateStore::reschedule(std::int64_t batch_id, std::int64_t next_attempt_unix, std::string_view error) {
  std::lock_guard lock(mutex_);
  Transaction transaction(*db_);
  db_->query(R"(UPDATE batches SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?
                WHERE id = ? AND state = 'pending')")
      .bind(1, next_attempt_unix)
      .bind(2, error)
      .bind(3, batch_id)
      .run();
  require_batch_changed(batch_id, "reschedule");
  transaction.commit();
}

void StateStore::forget_job(std::int64_t batch_id) {
  std::lock_guard lock(mutex_);
  Transaction transaction(*db_);
  db_->query("UPDATE batches SET job_id = NULL, uploaded = 0 WHERE id = ? AND state = 'pending'")
      .bind(1, batch_id)
      .run();
  require_batch_changed(batch_id, "forget the job");
  transaction.commit();
}

void StateStore::split_batch(std::int64_t batch_id, std::span<const std::pair<std::string, std::int64_t>> parts) {
  std::lock_guard lock(mutex_);
  if (parts.empty()) db_->fail("cannot split batch " + std::to_string(batch_id) + " into no parts");
  Transaction transaction(*db_);
  // The parts copy everything but the document from the original, keep its creation time (and so
  // its place at the head of the queue), and start without a job, attempts or backoff.
  auto insert = db_->query(R"(INSERT INTO batches (state, connector, owner, settings_json, indicators,
                                                   next_attempt_at, created_at, split_of)
                              SELECT 'pending', connector, owner, settings_json, ?, 0, created_at,
                                     coalesce(split_of, id)
                              FROM batches WHERE id = ? AND state = 'pending')");
  auto insert_document = db_->query("INSERT INTO batch_documents (batch_id, document) VALUES (?, ?)");
  for (const auto& [document, indicators] : parts) {
    insert.bind(1, indicators).bind(2, batch_id).run();
    require_batch_changed(batch_id, "split");
    insert_document.bind(1, db_->last_insert_id()).bind_view(2, document).run();
  }
  db_->query("DELETE FROM batches WHERE id = ?").bind(1, batch_id).run();
  transaction.commit();
}

void StateStore::complete_batch(std::int64_t batch_id, std::span<const DeadLetter> dead_letters,
                                std::int64_t now_unix) {
  std::lock_guard lock(mutex_);
  Transaction transaction(*db_);
  std::string connector, owner, settings_json;
  {
    auto batch = db_->query("SELECT connector, owner, settings_json FROM batches WHERE id = ? AND state = 'pending'");
    batch.bind(1, batch_id);
    if (!batch.step()) db_->fail("cannot complete batch " + std::to_string(batch_id) + ": it is not in the outbox");
    connector = batch.text(0);
    owner = batch.text(1);
    settings_json = batch.text(2);
  }
  auto insert = db_->query(R"(INSERT INTO dead_letters (connector, owner, settings_json, indicator_json, reason, at)
                              VALUES (?, ?, ?, ?, ?, ?))");
  for (const auto& letter : dead_letters) {
    insert.bind_view(1, letter.connector.empty() ? connector : letter.connector)
        .bind_view(2, letter.owner.empty() ? owner : letter.owner)
        .bind_view(3, letter.settings_json.empty() ? settings_json : letter.settings_json)
        .bind_view(4, letter.indicator_json)
        .bind_view(5, letter.reason)
        .bind(6, now_unix)
        .run();
  }
  db_->query("DELETE FROM batches WHERE id = ?").bind(1, batch_id).run();
  transaction.commit();
  release_free_pages_locked();
}

std::vector<OwnerBacklog> StateStore::backlog() const {
  std::lock_guard lock(mutex_);
  std::vector<OwnerBacklog> out;
  if (!has_schema(kOutboxSchema)) return out;
  auto query = db_->query(R"(SELECT owner, sum(batches), sum(indicators), min(oldest), sum(dead) FROM (
                               SELECT owner, count(*) AS batches, sum(indicators) AS indicators,
                                      min(created_at) AS oldest, 0 AS dead
                               FROM batches WHERE state = 'pending' GROUP BY owner
                               UNION ALL
                               SELECT owner, 0, 0, NULL, count(*) FROM dead_letters GROUP BY owner)
                             GROUP BY owner ORDER BY owner)");
  while (query.step()) {
    OwnerBacklog owner{query.text(0), query.int64(1), query.int64(2), std::nullopt, query.int64(4)};
    if (!query.is_null(3)) owner.oldest_created_unix = query.int64(3);
    out.push_back(std::move(owner));
  }
  return out;
}

std::int64_t StateStore::outbox_size() const {
  std::lock_guard lock(mutex_);
  if (!has_schema(kOutboxSchema)) return 0;
  auto query = db_->query("SELECT count(*) FROM batches WHERE state = 'pending'");
  return query.step() ? query.int64(0) : 0;
}

}  // namespace tcfeed::state
