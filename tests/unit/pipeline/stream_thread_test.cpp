#include "lib/pipeline/stream/stream_thread.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "lib/pipeline/stream/indicator_stream.hpp"
#include "lib/pipeline/stream/source_ref_memory.hpp"

namespace tcfeed::pipeline {
namespace {

using indicators::IndicatorType;

// The documents as bytes, and what the stream asked to remember with each.
class RecordingSink final : public BatchSink {
 public:
  void batch(std::string_view document, std::size_t indicators, std::span<const state::SeenEntry> seen) override {
    if (fail_at != 0 && documents.size() + 1 == fail_at) throw std::runtime_error("the outbox is full");
    documents.emplace_back(document);
    counts.push_back(indicators);
    for (const auto& entry : seen) keys.push_back(entry.key);
  }
  bool checkpoint_due() const override { return checkpoints_due; }
  void checkpoint(const state::Cursor& cursor) override {
    // What had reached the sink when the cursor was committed: it must be all that came before.
    checkpoints.push_back(cursor.position + " after " + std::to_string(documents.size()) + " documents, " +
                          std::to_string(keys.size()) + " indicators, " + std::to_string(listed.size()) + " members");
  }
  void members(std::span<const state::SnapshotMember> members) override {
    for (const auto& member : members) listed.push_back(member.value);
  }
  std::size_t fail_at = 0;  // the 1-based document whose storing throws; 0: none
  bool checkpoints_due = false;
  std::vector<std::string> checkpoints;
  std::vector<std::string> documents;
  std::vector<std::size_t> counts;
  std::vector<std::uint64_t> keys;
  std::vector<std::string> listed;  // the full list's members
};

// What a connector says in one poll: candidates of every shape, with the calls between them.
struct Poll {
  std::vector<std::string> values;  // owns what the candidates view
  std::vector<std::string> event_names;
  // What associate() answered, in order: it needs the stream's answer at once.
  mutable std::vector<bool> associated;
  void offer(CandidateSink& sink) const {
    sink.expect(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
      const std::string& value = values[i];
      Candidate candidate;
      candidate.type = i % 3 == 0 ? IndicatorType::URL : (i % 3 == 1 ? IndicatorType::Host : IndicatorType::Address);
      candidate.value = value;
      if (i % 5 == 0) candidate.rating = static_cast<int>(i % 7);  // 6 is out of range: clamped
      if (i % 4 == 0) candidate.confidence = static_cast<int>(i % 101);
      candidate.tags = {"botnet", i % 2 == 0 ? "Mozi" : "elf", "URLhaus"};
      candidate.attributes = {{"Source", value}, {"Port", i % 2 == 0 ? "80" : ""}};
      if (i % 11 == 0) candidate.attack_techniques = {"T1566"};
      if (i % 13 == 0) candidate.attack_tactic = "initial-access";
      candidate.benign = i % 17 == 0;
      if (i % 19 == 0) candidate.active = i % 2 == 0;
      candidate.continues_record = i % 3 == 1;
      if (i % 7 == 0) {
        CandidateGroup group;
        group.type = indicators::GroupType::Event;
        group.name = event_names[i / 100];
        group.source_id = group.name;
        group.attributes = {{"Description", "what the source says"}};
        group.tags = {"campaign"};
        group.date = "2026-12-01T00:00:00Z";
        candidate.groups.push_back(group);
      }
      const std::string ref = "indicator--" + std::to_string(i);
      candidate.source_ref = ref;
      sink.accept(candidate);
      if (i % 23 == 0) sink.unmapped(Unmapped::Malformed);
      if (i % 500 == 0) {
        // A group read on its own (a STIX malware object), then a relationship naming it and an
        // indicator of an earlier batch, or one that was never mapped.
        CandidateGroup lone;
        lone.type = indicators::GroupType::Malware;
        const std::string name = "Family " + std::to_string(i);
        lone.name = name;
        lone.source_id = name;
        sink.group(lone);
        const std::string earlier = "indicator--" + std::to_string(i / 2);
        associated.push_back(sink.associate({earlier, name}));
        associated.push_back(sink.associate({"indicator--never", name}));
      }
      if (i % 1'500 == 1'499)
        sink.checkpoint([i] {
          state::Cursor cursor;
          cursor.position = "record " + std::to_string(i);
          return cursor;
        });
    }
  }
};

Poll varied_poll(std::size_t count) {
  Poll poll;
  for (std::size_t i = 0; i < count; i += 100) poll.event_names.push_back("Event " + std::to_string(i / 100));
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t n = i % 9'999;  // a multiple of 3: a value comes again with its type, a duplicate
    switch (i % 3) {
      case 0: poll.values.push_back("http://Bad" + std::to_string(n) + ".example/x?y=" + std::to_string(n)); break;
      case 1: poll.values.push_back("bad" + std::to_string(n) + ".example"); break;
      default: {
        const char* network = n % 10 == 0 ? "192.168.0." : (n % 10 == 5 ? "300.0.113." : "203.0.113.");
        poll.values.push_back(network + std::to_string(n % 250));
      }
    }
  }
  return poll;
}

class StreamThreadTest : public ::testing::Test {
 protected:
  StreamThreadTest() {
    connector_.name = "feed";
    connector_.owner = "Demo Organization";
    connector_.security_labels = {"TLP:CLEAR"};
    connector_.removed = config::RemovedAction::Deactivate;
    policy_.allowlist.add_builtin("reserved-ip-ranges");
    for (const auto id : Warninglists::builtin_names()) policy_.warninglists.add_builtin(id);
    global_.batch.max_indicators = 500;
  }
  struct Outcome {
    RecordingSink sink;
    RunCounters counters;
    SeenSet seen;
  };
  // One poll through the stream alone, or through a StreamThread in front of it.
  void run(const Poll& poll, bool two_threads, Outcome& outcome) {
    StreamSettings settings{1000, 7 * 86400};
    settings.collect_members = true;
    SourceRefMemory refs({}, 1000);
    settings.refs = &refs;
    IndicatorStream stream(connector_, global_, policy_, stripped_, outcome.seen, settings, outcome.sink,
                           outcome.counters);
    if (two_threads) {
      StreamThread second(stream, policy_);
      poll.offer(second);
      second.finish();
    } else {
      poll.offer(stream);
    }
    stream.finish();
  }
  config::Config global_;
  config::ConnectorConfig connector_;
  Policy policy_;
  std::vector<std::string> stripped_{"abuse.ch", "URLhaus"};
};

TEST_F(StreamThreadTest, MakesTheDocumentsAndCountsTheStreamAloneMakes) {
  // Many batches' worth, so hand-overs fall between a record's candidates and between a group's members.
  const Poll poll = varied_poll(20'000);
  Outcome one, two;
  one.sink.checkpoints_due = two.sink.checkpoints_due = true;
  run(poll, false, one);
  const std::vector<bool> associated_by_one = poll.associated;
  poll.associated.clear();
  run(poll, true, two);
  EXPECT_EQ(poll.associated, associated_by_one);
  EXPECT_NE(std::count(associated_by_one.begin(), associated_by_one.end(), true), 0);
  EXPECT_NE(std::count(associated_by_one.begin(), associated_by_one.end(), false), 0);
  EXPECT_EQ(two.counters.associations, one.counters.associations);
  EXPECT_GT(one.counters.associations, 0U);
  ASSERT_GT(one.sink.documents.size(), 10U);
  ASSERT_EQ(one.sink.checkpoints.size(), 13U);
  EXPECT_EQ(two.sink.checkpoints, one.sink.checkpoints);
  EXPECT_EQ(two.sink.documents, one.sink.documents);
  EXPECT_EQ(two.sink.counts, one.sink.counts);
  EXPECT_EQ(two.sink.keys, one.sink.keys);
  EXPECT_EQ(two.sink.listed, one.sink.listed);
  EXPECT_EQ(two.seen.size(), one.seen.size());
  const auto same = [](const RunCounters& a, const RunCounters& b) {
    EXPECT_EQ(a.records_mapped, b.records_mapped);
    EXPECT_EQ(a.candidates, b.candidates);
    EXPECT_EQ(a.unmapped, b.unmapped);
    EXPECT_EQ(a.rejected, b.rejected);
    EXPECT_EQ(a.dropped, b.dropped);
    EXPECT_EQ(a.warninglisted, b.warninglisted);
    EXPECT_EQ(a.clamped, b.clamped);
    EXPECT_EQ(a.duplicates, b.duplicates);
    EXPECT_EQ(a.indicators, b.indicators);
    EXPECT_EQ(a.groups, b.groups);
    EXPECT_EQ(a.jobs, b.jobs);
  };
  same(two.counters, one.counters);
  // The poll has each outcome, so the comparison covers each path.
  EXPECT_GT(one.counters.duplicates, 0U);
  EXPECT_GT(one.counters.rejected.size(), 0U);
  EXPECT_TRUE(one.counters.dropped.contains("benign"));
  EXPECT_TRUE(one.counters.dropped.contains("allowlist:reserved-ip-ranges"));
  EXPECT_GT(one.counters.unmapped[Unmapped::Malformed], 0U);
  EXPECT_GT(one.counters.groups, 0U);
}

TEST_F(StreamThreadTest, WhatTheStreamThrowsReachesTheReadingThread) {
  const Poll poll = varied_poll(20'000);
  Outcome outcome;
  outcome.sink.fail_at = 3;
  StreamSettings settings{1000, 7 * 86400};
  IndicatorStream stream(connector_, global_, policy_, stripped_, outcome.seen, settings, outcome.sink,
                         outcome.counters);
  StreamThread second(stream, policy_);
  // Thrown by accept() at a later hand-over, or by finish(): never lost, never a hang.
  EXPECT_THROW(
      {
        poll.offer(second);
        second.finish();
      },
      std::runtime_error);
  EXPECT_EQ(outcome.sink.documents.size(), 2U);
}

TEST_F(StreamThreadTest, APollThatFailsLeavesWithoutWaitingForTheQueue) {
  const Poll poll = varied_poll(20'000);
  Outcome outcome;
  StreamSettings settings{1000, 7 * 86400};
  IndicatorStream stream(connector_, global_, policy_, stripped_, outcome.seen, settings, outcome.sink,
                         outcome.counters);
  {
    StreamThread second(stream, policy_);
    poll.offer(second);
    // No finish(): the connector threw. The destructor stops the thread; what was queued is dropped.
  }
  EXPECT_LT(outcome.counters.candidates, 20'000U);
}

}  // namespace
}  // namespace tcfeed::pipeline
