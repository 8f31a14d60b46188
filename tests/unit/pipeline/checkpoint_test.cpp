// Checkpoints through the real poll path (docs/architecture.md, Checkpoints): a fake paged
// connector offers one after each page, the real stream and a real state file take it. A poll
// that fails after some pages keeps what its committed checkpoints hold — batches pending, seen
// entries, the cursor they named — and nothing after them; a resumed poll sends nothing twice.
// Checkpoints are spaced out (none without a full document since the last), and a full list or
// a run that removes never commits one.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "lib/pipeline/run/connector_run.hpp"

namespace tcfeed::pipeline {
namespace {

using indicators::IndicatorType;

// Pages of hosts; a checkpoint "page N" after page N (N counted from 1); it resumes after the page
// its cursor names, and fails before page `fail_before` when set.
class PagedConnector final : public Connector {
 public:
  std::vector<std::vector<std::string>> pages;
  int fail_before = 0;
  bool whole_list = false;

  PollResult poll(const state::Cursor& previous, CandidateSink& sink) override {
    std::size_t first = 0;
    if (previous.position.starts_with("page ")) first = std::stoul(previous.position.substr(5));
    std::size_t records = 0;
    Candidate candidate;
    candidate.type = IndicatorType::Host;
    for (std::size_t page = first; page < pages.size(); ++page) {
      if (fail_before != 0 && page + 1 == static_cast<std::size_t>(fail_before)) {
        throw std::runtime_error("the source went away");
      }
      for (const auto& host : pages[page]) {
        candidate.value = host;
        sink.accept(candidate);
        ++records;
      }
      sink.checkpoint([page] { return state::Cursor{"page " + std::to_string(page + 1), "", ""}; });
    }
    PollResult result{state::Cursor{"done", "", ""}, false, records};
    result.full_list = whole_list;
    return result;
  }
  bool full_list() const override { return whole_list; }
};

class CheckpointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("tcfeed-checkpoint-" + std::to_string(::getpid()) + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    open();
    connector_.name = "paged";
    connector_.owner = "Demo Organization";
    global_.batch.max_indicators = 2;
    source_.pages = {{"a1.example", "a2.example", "a3.example"},
                     {"b1.example", "b2.example", "b3.example"},
                     {"c1.example", "c2.example", "c3.example"}};
  }
  void TearDown() override {
    state_.reset();
    std::filesystem::remove_all(dir_);
  }
  // A new process: the state file opened again, nothing in memory.
  void open() {
    state_.reset();
    state_ = std::make_unique<state::StateStore>((dir_ / "state.db").string(), state::StateStore::Mode::ReadWrite);
    state_->discard_abandoned_runs();
    memory_.loaded = false;
  }
  PollReport poll() {
    const PollContext context{connector_, global_, policy_, {}};
    return poll_into_outbox(source_, context, *state_, memory_, 1000);
  }
  std::string position() { return state_->cursor("paged").value_or(state::Cursor{}).position; }
  // The indicators the outbox holds, emptied (as if delivered).
  std::size_t drain() {
    std::size_t indicators = 0;
    while (auto batch = state_->next_due(connector_.owner, 1'000'000'000, {})) {
      indicators += static_cast<std::size_t>(batch->indicators);
      state_->complete_batch(batch->id, {}, 0);
    }
    return indicators;
  }

  std::filesystem::path dir_;
  std::unique_ptr<state::StateStore> state_;
  config::Config global_;
  config::ConnectorConfig connector_;
  Policy policy_;
  ConnectorMemory memory_;
  PagedConnector source_;
};

TEST_F(CheckpointTest, AFailedPollKeepsItsCheckpointedPagesAndTheNextResumesAfterThem) {
  source_.fail_before = 3;
  EXPECT_THROW(poll(), std::runtime_error);
  EXPECT_EQ(position(), "page 2");
  EXPECT_EQ(state_->outbox_size(), 4);  // two pages of three, in documents of two
  EXPECT_EQ(drain(), 6u);

  source_.fail_before = 0;
  open();  // as after a restart: the seen set comes from the state file
  const PollReport report = poll();
  EXPECT_EQ(report.counters.indicators, 3u);  // page 3 only
  EXPECT_EQ(position(), "done");
  EXPECT_EQ(drain(), 3u);

  // Read again from the start, nothing is sent twice: the checkpoints committed the seen entries.
  state_->save_cursor("paged", {});
  EXPECT_EQ(poll().counters.unchanged, 9u);
  EXPECT_EQ(drain(), 0u);
}

TEST_F(CheckpointTest, NoCheckpointIsCommittedBeforeADocumentFills) {
  // Documents of 25,000: no page fills one, so committing would only cut small jobs.
  global_.batch.max_indicators = 25'000;
  source_.fail_before = 3;
  EXPECT_THROW(poll(), std::runtime_error);
  EXPECT_EQ(position(), "");
  EXPECT_EQ(state_->outbox_size(), 0);
}

TEST_F(CheckpointTest, AFullListOrARunThatRemovesNeverCheckpoints) {
  source_.whole_list = true;
  source_.fail_before = 3;
  EXPECT_THROW(poll(), std::runtime_error);
  EXPECT_EQ(position(), "");
  EXPECT_EQ(state_->outbox_size(), 0);

  source_.whole_list = false;
  connector_.removed = config::RemovedAction::Deactivate;
  EXPECT_THROW(poll(), std::runtime_error);
  EXPECT_EQ(position(), "");
  EXPECT_EQ(state_->outbox_size(), 0);
}

TEST_F(CheckpointTest, ACheckpointRecordsWhatItsPagesMentioned) {
  connector_.expire_after = std::chrono::seconds(100);
  source_.fail_before = 3;
  EXPECT_THROW(poll(), std::runtime_error);
  EXPECT_EQ(state_->mention_count("paged"), 6);
  source_.fail_before = 0;
  poll();
  EXPECT_EQ(state_->mention_count("paged"), 9);
}

}  // namespace
}  // namespace tcfeed::pipeline
