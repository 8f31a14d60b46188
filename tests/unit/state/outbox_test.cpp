// The sender's side of the outbox: which batch is due, each job step recorded durably, splitting,
// and completion with dead letters.
#include <filesystem>
#include <vector>

#include "tests/unit/state/state_test_support.hpp"

namespace tcfeed::state {
namespace {

using testing::document_of;
using testing::kSettings;

class OutboxTest : public testing::StateTest {};

// Commits one run of `connector` with one batch per document, all created at `now`.
void commit_batches(StateStore& store, const std::string& connector, const std::string& owner,
                    const std::vector<std::string>& documents, std::int64_t now) {
  const RunId run = store.begin_run(connector);
  for (const auto& document : documents) store.stage_batch(run, connector, owner, kSettings, document, 1, now);
  store.commit_run(run, connector, Cursor{}, false);
}

// Every due batch of `owner`, in the order next_due hands them out.
std::vector<OutboxBatch> drain(StateStore& store, const std::string& owner, std::int64_t now) {
  std::vector<OutboxBatch> out;
  std::vector<std::int64_t> in_flight;
  // Bounded: a store that ignored the exclusions would hand out the same batch forever.
  while (out.size() < 100) {
    auto batch = store.next_due(owner, now, in_flight);
    if (!batch) break;
    in_flight.push_back(batch->id);
    out.push_back(std::move(*batch));
  }
  return out;
}

TEST_F(OutboxTest, NextDueIsOldestFirstPerOwnerSkippingInFlightAndBackedOffBatches) {
  auto store = open();
  commit_batches(store, "feed", "Acme", {document_of({"newer"})}, 2000);
  commit_batches(store, "feed", "Acme", {document_of({"older-1"}), document_of({"older-2"})}, 1000);
  commit_batches(store, "feed", "Other", {document_of({"elsewhere"})}, 500);

  auto due = drain(store, "Acme", 5000);
  ASSERT_EQ(due.size(), 3u);
  EXPECT_EQ(due[0].document, document_of({"older-1"}));
  EXPECT_EQ(due[1].document, document_of({"older-2"}));
  EXPECT_EQ(due[2].document, document_of({"newer"}));
  EXPECT_EQ(due[0].owner, "Acme");
  EXPECT_EQ(due[0].settings_json, kSettings);
  EXPECT_EQ(due[0].created_unix, 1000);
  EXPECT_FALSE(due[0].job_id.has_value());

  // Not due before its creation time's first attempt, nor while backing off.
  EXPECT_FALSE(store.next_due("Acme", 999, {}).has_value());
  store.reschedule(due[0].id, 3000, "HTTP 503");
  EXPECT_EQ(store.next_due("Acme", 2999, {})->id, due[1].id);
  const auto retried = store.next_due("Acme", 3000, {});
  ASSERT_TRUE(retried.has_value());
  EXPECT_EQ(retried->id, due[0].id);
  EXPECT_EQ(retried->attempts, 1);
  EXPECT_EQ(retried->next_attempt_unix, 3000);
  EXPECT_EQ(retried->last_error, "HTTP 503");
  store.reschedule(due[0].id, 3100, "timeout");
  EXPECT_EQ(store.next_due("Acme", 3100, {})->attempts, 2);
  EXPECT_EQ(store.outbox_owners(), (std::vector<std::string>{"Acme", "Other"}));
}

TEST_F(OutboxTest, JobIdAndUploadSurviveReopeningUntilForgotten) {
  std::int64_t id = 0;
  {
    auto store = open();
    commit_batches(store, "feed", "Acme", {document_of({"a"})}, 1000);
    id = store.next_due("Acme", 1000, {})->id;
    store.record_job(id, 4242);
    EXPECT_TRUE(store.next_due("Acme", 1000, {})->job_id.has_value());  // submitted batches are still due
    EXPECT_THROW(store.record_uploaded(id + 1), StateError);
  }
  {
    auto store = open();
    auto batch = store.next_due("Acme", 1000, {});
    ASSERT_TRUE(batch.has_value());
    EXPECT_EQ(batch->job_id, 4242);
    EXPECT_FALSE(batch->uploaded);  // after a crash here: upload to the recorded job, do not create one
    store.record_uploaded(id);
  }
  auto store = open();
  auto batch = store.next_due("Acme", 1000, {});
  EXPECT_EQ(batch->job_id, 4242);
  EXPECT_TRUE(batch->uploaded);  // after a crash here: poll only
  store.forget_job(id);
  batch = store.next_due("Acme", 1000, {});
  EXPECT_FALSE(batch->job_id.has_value());
  EXPECT_FALSE(batch->uploaded);
  EXPECT_THROW(store.record_uploaded(id), StateError);  // no job to have uploaded to
}

TEST_F(OutboxTest, SplitReplacesTheBatchByItsPartsAtTheHeadOfTheQueue) {
  auto store = open();
  commit_batches(store, "feed", "Acme", {document_of({"a", "b", "c"}), document_of({"later"})}, 1000);
  const auto big = store.next_due("Acme", 1000, {});
  store.record_job(big->id, 7);
  store.reschedule(big->id, 1500, "file size greater than allowable limit");
  const std::vector<std::pair<std::string, std::int64_t>> parts = {{document_of({"a", "b"}), 2},
                                                                   {document_of({"c"}), 1}};
  store.split_batch(big->id, parts);

  const auto due = drain(store, "Acme", 1000);  // the parts are due at once
  ASSERT_EQ(due.size(), 3u);
  EXPECT_EQ(due[0].document, parts[0].first);
  EXPECT_EQ(due[0].indicators, 2);
  EXPECT_EQ(due[1].document, parts[1].first);
  EXPECT_EQ(due[2].document, document_of({"later"}));
  for (const auto& part : {due[0], due[1]}) {
    EXPECT_NE(part.id, big->id);
    EXPECT_FALSE(part.job_id.has_value());
    EXPECT_EQ(part.attempts, 0);
    EXPECT_EQ(part.created_unix, 1000);
    EXPECT_EQ(part.settings_json, kSettings);
  }
  EXPECT_EQ(store.outbox_size(), 3);
  EXPECT_THROW(store.split_batch(big->id, parts), StateError);  // the original is gone
  EXPECT_EQ(store.outbox_size(), 3);
}

TEST_F(OutboxTest, CompleteDeletesTheBatchAndKeepsItsDeadLettersWithTheBatchsSettings) {
  auto store = open();
  commit_batches(store, "feed", "Acme", {document_of({"a", "bad"}), document_of({"b"})}, 1000);
  const auto first = store.next_due("Acme", 1000, {});
  const std::vector<DeadLetter> rejected = {
      DeadLetter{.indicator_json = R"({"type":"Host","summary":"bad"})", .reason = "Invalid host"}};
  store.complete_batch(first->id, rejected, 1234);

  EXPECT_EQ(store.outbox_size(), 1);
  EXPECT_NE(store.next_due("Acme", 1000, {})->id, first->id);
  EXPECT_THROW(store.complete_batch(first->id, {}, 1234), StateError);
  const auto letters = store.dead_letters(10);
  ASSERT_EQ(letters.size(), 1u);
  EXPECT_EQ(letters[0].connector, "feed");
  EXPECT_EQ(letters[0].owner, "Acme");
  EXPECT_EQ(letters[0].settings_json, kSettings);
  EXPECT_EQ(letters[0].indicator_json, rejected[0].indicator_json);
  EXPECT_EQ(letters[0].reason, "Invalid host");
  EXPECT_EQ(letters[0].at_unix, 1234);

  const auto backlog = store.backlog();
  ASSERT_EQ(backlog.size(), 1u);
  EXPECT_EQ(backlog[0].batches, 1);
  EXPECT_EQ(backlog[0].dead_letters, 1);

  store.complete_batch(store.next_due("Acme", 1000, {})->id, {}, 1300);
  EXPECT_EQ(store.outbox_size(), 0);
  const auto only_dead = store.backlog();  // an owner with dead letters only is still listed
  ASSERT_EQ(only_dead.size(), 1u);
  EXPECT_EQ(only_dead[0].batches, 0);
  EXPECT_FALSE(only_dead[0].oldest_created_unix.has_value());
  EXPECT_EQ(only_dead[0].dead_letters, 1);
}

// docs/architecture.md, The state file: documents take megabytes while they wait; once the outbox
// is empty the file gives that space back.
TEST_F(OutboxTest, TheFileShrinksOnceTheOutboxIsEmpty) {
  const auto file_size = [&] {
    std::error_code ignored;
    const auto wal = std::filesystem::file_size(path_ + "-wal", ignored);
    return std::filesystem::file_size(path_) + (ignored ? 0 : wal);
  };
  auto store = open();
  const std::string large(400'000, 'x');
  std::vector<std::string> documents;
  for (int i = 0; i < 30; ++i) documents.push_back(document_of({std::to_string(i) + large}));
  commit_batches(store, "feed", "Acme", documents, 1000);
  ASSERT_GT(file_size(), 10'000'000u);
  const auto batches = drain(store, "Acme", 1000);
  ASSERT_EQ(batches.size(), 30u);
  for (std::size_t i = 0; i + 1 < batches.size(); ++i) store.complete_batch(batches[i].id, {}, 1000);
  EXPECT_GT(file_size(), 10'000'000u) << "pages freed while batches wait are kept for the next documents";
  store.complete_batch(batches.back().id, {}, 1000);
  EXPECT_EQ(store.outbox_size(), 0);
  EXPECT_LT(file_size(), 2'000'000u);  // what is left: a page or two per table
  // Still a working file: new batches go in and come out.
  commit_batches(store, "feed", "Acme", {document_of({"after"})}, 2000);
  EXPECT_EQ(drain(store, "Acme", 2000).size(), 1u);
}

}  // namespace
}  // namespace tcfeed::state
