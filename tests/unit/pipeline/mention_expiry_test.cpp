// `expire_after` through the real poll path: a fake incremental connector, the real streaming
// stages and a real state file, with time passed in (no sleeping). What a poll mentions — sent or
// unchanged — is recorded; what was not mentioned for expire_after goes out with active=false,
// atomically with the run, and a re-mention sends it again; a 304 still expires.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "lib/pipeline/run/connector_run.hpp"

namespace tcfeed::pipeline {
namespace {

using indicators::IndicatorType;

// Mentions the hosts it is given on each poll; an empty optional answers "not modified".
class ScriptedConnector final : public Connector {
 public:
  std::optional<std::vector<std::string>> next;

  PollResult poll(const state::Cursor& previous, CandidateSink& sink) override {
    if (!next) return PollResult{previous, true, 0};
    Candidate candidate;
    candidate.type = IndicatorType::Host;
    for (const auto& host : *next) {
      candidate.value = host;
      sink.accept(candidate);
    }
    return PollResult{state::Cursor{std::to_string(++position_), "", ""}, false, next->size()};
  }

 private:
  int position_ = 0;
};

class MentionExpiryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("tcfeed-expiry-" + std::to_string(::getpid()) + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    state_ = std::make_unique<state::StateStore>((dir_ / "state.db").string(), state::StateStore::Mode::ReadWrite);
    connector_.name = "incremental";
    connector_.owner = "Demo Organization";
    connector_.expire_after = std::chrono::seconds(100);
  }
  void TearDown() override {
    state_.reset();
    std::filesystem::remove_all(dir_);
  }

  // One poll at `now` mentioning `hosts` (nullopt: not modified); returns its report.
  PollReport poll(std::int64_t now, std::optional<std::vector<std::string>> hosts) {
    source_.next = std::move(hosts);
    const PollContext context{connector_, global_, policy_, {}};
    return poll_into_outbox(source_, context, *state_, memory_, now);
  }

  // The documents the outbox holds now, emptied (as if delivered).
  std::vector<std::string> drain() {
    std::vector<std::string> documents;
    while (auto batch = state_->next_due(connector_.owner, 1'000'000'000, {})) {
      documents.push_back(batch->document);
      state_->complete_batch(batch->id, {}, 0);
    }
    return documents;
  }

  std::filesystem::path dir_;
  std::unique_ptr<state::StateStore> state_;
  config::Config global_;
  config::ConnectorConfig connector_;
  Policy policy_;
  ConnectorMemory memory_;
  ScriptedConnector source_;
};

TEST_F(MentionExpiryTest, WhatIsNoLongerMentionedIsDeactivatedOnceAndSentAgainWhenMentioned) {
  EXPECT_EQ(poll(1000, {{"a.example", "b.example"}}).counters.indicators, 2u);
  EXPECT_EQ(drain().size(), 1u);
  EXPECT_EQ(state_->mention_count("incremental"), 2);

  // Within expire_after: B is mentioned (unchanged: not sent), A is not yet expired.
  PollReport report = poll(1050, {{"b.example"}});
  EXPECT_EQ(report.counters.unchanged, 1u);
  EXPECT_EQ(report.counters.expired, 0u);
  EXPECT_TRUE(drain().empty());

  // A was last mentioned at 1000: past expire_after at 1101; B (mentioned at 1050) is not.
  report = poll(1101, {{"b.example"}});
  EXPECT_EQ(report.counters.expired, 1u);
  EXPECT_EQ(report.counters.indicators, 0u);  // B unchanged: mention is not send
  auto documents = drain();
  ASSERT_EQ(documents.size(), 1u);
  EXPECT_EQ(documents[0], R"({"indicator":[{"type":"Host","summary":"a.example","active":false}]})");
  EXPECT_EQ(state_->mention_count("incremental"), 1);

  // Deactivated once: the next poll does not send it again.
  EXPECT_EQ(poll(1102, {{"b.example"}}).counters.expired, 0u);
  EXPECT_TRUE(drain().empty());

  // Mentioned again: forgotten by the seen set, so it is sent at once, reactivated — the
  // platform keeps the flag of an item that leaves it out.
  report = poll(1103, {{"a.example"}});
  EXPECT_EQ(report.counters.indicators, 1u);
  documents = drain();
  ASSERT_EQ(documents.size(), 1u);
  EXPECT_NE(documents[0].find(R"("summary":"a.example","rating":0,"confidence":0,"active":true)"), std::string::npos)
      << documents[0];
  // Once reactivated it is unchanged again: the next mention sends nothing.
  EXPECT_EQ(poll(1104, {{"a.example"}}).counters.unchanged, 1u);
  EXPECT_TRUE(drain().empty());
}

TEST_F(MentionExpiryTest, ANotModifiedPollStillExpiresAndKeepsTheCursor) {
  poll(1000, {{"a.example"}});
  drain();
  const auto cursor = state_->cursor("incremental");
  const PollReport report = poll(1200, std::nullopt);
  EXPECT_TRUE(report.not_modified);
  EXPECT_EQ(report.counters.expired, 1u);
  ASSERT_EQ(drain().size(), 1u);
  EXPECT_EQ(state_->cursor("incremental"), cursor);
  EXPECT_EQ(state_->mention_count("incremental"), 0);
  // Nothing left to expire: a not-modified poll writes nothing.
  EXPECT_EQ(poll(1300, std::nullopt).counters.expired, 0u);
  EXPECT_TRUE(drain().empty());
}

TEST_F(MentionExpiryTest, AFailedPollExpiresNothingAndForgetsNothing) {
  poll(1000, {{"a.example"}});
  drain();
  // The connector fails after mentioning nothing: the run is abandoned as a whole.
  class Failing final : public Connector {
   public:
    PollResult poll(const state::Cursor&, CandidateSink&) override { throw std::runtime_error("source down"); }
  } failing;
  const PollContext context{connector_, global_, policy_, {}};
  EXPECT_THROW(poll_into_outbox(failing, context, *state_, memory_, 5000), std::runtime_error);
  EXPECT_TRUE(drain().empty());
  EXPECT_EQ(state_->mention_count("incremental"), 1);
}

TEST_F(MentionExpiryTest, WithoutExpireAfterNothingIsRecorded) {
  connector_.expire_after.reset();
  poll(1000, {{"a.example"}});
  poll(5000, {{"b.example"}});
  EXPECT_EQ(state_->mention_count("incremental"), 0);
  EXPECT_EQ(drain().size(), 2u);  // two sends, no deactivation
}

}  // namespace
}  // namespace tcfeed::pipeline
