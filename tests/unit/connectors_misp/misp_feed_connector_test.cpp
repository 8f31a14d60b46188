// misp_feed over a feed directory (file://): the backfill, the per-event cursor, max_events.
#include "connectors/misp/misp_feed_connector.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "connectors/misp/misp_feed_cursor.hpp"
#include "tests/unit/connectors_abusech/abusech_sink.hpp"
#include "tests/unit/connectors_abusech/fixtures.hpp"

namespace tcfeed::connectors::misp {
namespace {

constexpr std::string_view kE1 = "5f0c2a9e-1b2c-4d3e-8f40-0000000000e1";
constexpr std::string_view kE2 = "5f0c2a9e-1b2c-4d3e-8f40-0000000000e2";
constexpr std::string_view kE3 = "5f0c2a9e-1b2c-4d3e-8f40-0000000000e3";

std::unique_ptr<pipeline::Connector> feed(const std::string& root, std::chrono::hours backfill, int max_events = 500) {
  MispFeedSettings settings;
  settings.location.url = "file://" + root;
  settings.backfill = backfill;
  settings.max_events = max_events;
  // 2026-12-01T00:00:00Z: E1 (1796000000) and E2 (1795900000) lie within 3 days, E3 (1795100000) not.
  return make_misp_feed_connector(settings, [] { return std::chrono::sys_days{std::chrono::December / 1 / 2026}; });
}

std::string copy_fixture() {
  const auto dir = std::filesystem::temp_directory_path() / ("misp_feed_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::copy(
      std::filesystem::path(testing_support::fixture_path("misp_feed", "manifest.json")).parent_path(), dir);
  return dir.string() + "/";
}

TEST(MispFeed, BackfillThenOnlyEventsWhoseTimestampChanged) {
  const std::string root = copy_fixture();
  auto connector = feed(root, std::chrono::hours(24 * 3));
  testing_support::AbusechSink first;
  const auto polled = connector->poll({}, first);
  // E1 (7 attributes) and E2 (5 + 40 objects × 3): E3 is older than the backfill.
  EXPECT_EQ(polled.records, 7u + 5u + 120u);
  auto position = parse_misp_feed_position(polled.next.position);
  ASSERT_TRUE(position);
  EXPECT_EQ(position->events.size(), 2u);
  EXPECT_EQ(position->events.at(std::string(kE1)), 1796000000);
  EXPECT_EQ(position->events.count(std::string(kE3)), 0u);

  // Nothing changed: nothing fetched, nothing to commit.
  testing_support::AbusechSink second;
  const auto again = connector->poll(polled.next, second);
  EXPECT_TRUE(again.not_modified);
  EXPECT_TRUE(second.lines.empty());

  // E1 changes: only E1 is read again.
  std::string manifest;
  {
    std::ifstream in(root + "manifest.json");
    manifest.assign(std::istreambuf_iterator<char>(in), {});
  }
  const auto at = manifest.find("1796000000");
  ASSERT_NE(at, std::string::npos);
  manifest.replace(at, 10, "1796100000");
  std::ofstream(root + "manifest.json") << manifest;
  testing_support::AbusechSink third;
  const auto changed = connector->poll(polled.next, third);
  EXPECT_EQ(changed.records, 7u);
  EXPECT_EQ(parse_misp_feed_position(changed.next.position)->events.at(std::string(kE1)), 1796100000);
  std::filesystem::remove_all(root);
}

TEST(MispFeed, MaxEventsReadsTheOldestFirstAndLeavesTheRestForTheNextPoll) {
  const std::string root = copy_fixture();
  auto connector = feed(root, std::chrono::hours(24 * 30), 1);
  testing_support::AbusechSink sink;
  const auto first = connector->poll({}, sink);
  EXPECT_EQ(first.records, 2u);  // E3, the oldest
  EXPECT_TRUE(first.next.etag.empty());
  const auto second = connector->poll(first.next, sink);
  EXPECT_EQ(second.records, 125u);  // E2
  const auto third = connector->poll(second.next, sink);
  EXPECT_EQ(third.records, 7u);  // E1
  EXPECT_EQ(parse_misp_feed_position(third.next.position)->events.size(), 3u);
  (void)kE2;
  std::filesystem::remove_all(root);
}

TEST(MispFeedPosition, RoundTripsAndStaysBounded) {
  MispFeedPosition position;
  position.floor = 100;
  position.events["5f0c2a9e-1b2c-4d3e-8f40-0000000000e1"] = 300;
  position.events["5f0c2a9e-1b2c-4d3e-8f40-0000000000e2"] = 200;
  position.events["5f0c2a9e-1b2c-4d3e-8f40-0000000000e3"] = 400;
  const auto text = format_misp_feed_position(position);
  const auto read = parse_misp_feed_position(text);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->events, position.events);
  EXPECT_EQ(read->floor, 100);
  position.bound(2);
  EXPECT_EQ(position.events.size(), 2u);
  EXPECT_EQ(position.floor, 200);
  EXPECT_FALSE(position.wants("5f0c2a9e-1b2c-4d3e-8f40-0000000000e2", 200));
  EXPECT_TRUE(position.wants("5f0c2a9e-1b2c-4d3e-8f40-0000000000e2", 201));
  EXPECT_FALSE(parse_misp_feed_position("2026-01-01T00:00:00Z"));
  EXPECT_FALSE(parse_misp_feed_position("v1 0 ../../etc/passwd=1"));
  EXPECT_FALSE(is_event_uuid("../../../../etc/passwd/aaaaaaaaaaaaaaaa"));
}

}  // namespace
}  // namespace tcfeed::connectors::misp
