// The taxii21 connector against the sandbox's TAXII 2.1 server (real TLS on loopback): paging by
// `next` and by added_after, a server whose added_after is inclusive, records that share a
// timestamp across a page boundary, a paging that makes no progress, finding a collection by title,
// and a bundle file.
#include "connectors/taxii/taxii_connector.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "lib/pipeline/source/source_fetch.hpp"
#include "tests/support/sandbox_process.hpp"
#include "tests/unit/connectors_abusech/fixtures.hpp"

namespace tcfeed::connectors::taxii {
namespace {

namespace fs = std::filesystem;

class ValueSink final : public pipeline::CandidateSink {
 public:
  void accept(const pipeline::Candidate& candidate) override {
    values.emplace_back(candidate.value);
    std::string names;
    for (const auto& group : candidate.groups) names += (names.empty() ? "" : "|") + std::string(group.name);
    groups.push_back(names);
  }
  void unmapped(pipeline::Unmapped reason) override { reasons.emplace_back(pipeline::unmapped_code(reason)); }
  void checkpoint(const std::function<state::Cursor()>& cursor) override {
    checkpoints.push_back({cursor().position, values.size()});
  }
  struct Checkpoint {
    std::string position;
    std::size_t values = 0;  // handed over before it
  };
  std::vector<Checkpoint> checkpoints;
  std::vector<std::string> values;
  std::vector<std::string> groups;  // per value: its groups' names
  std::vector<std::string> reasons;
};

std::string indicator_entry(const std::string& date_added, int n) {
  const std::string url = "http://host" + std::to_string(n) + ".example/";
  return R"({"date_added":")" + date_added +
         R"(","object":{"type":"indicator","spec_version":"2.1","id":"indicator--)" + std::to_string(n) +
         R"(","created":")" + date_added + R"(","modified":")" + date_added +
         R"(","pattern_type":"stix","valid_from":")" + date_added + R"(","pattern":"[url:value = ')" + url + R"(']"}})";
}

// Six objects, two of them added at one instant that a page of two splits (the 2nd and 3rd).
std::vector<std::string> six_entries() {
  return {indicator_entry("2026-01-05T10:00:00.000Z", 1), indicator_entry("2026-01-05T11:00:00.000Z", 2),
          indicator_entry("2026-01-05T11:00:00.000Z", 3), indicator_entry("2026-01-05T12:00:00.000Z", 4),
          indicator_entry("2026-01-05T13:00:00.000Z", 5), indicator_entry("2026-01-05T14:00:00.000Z", 6)};
}

class TaxiiConnectorTest : public ::testing::Test {
 protected:
  TaxiiConnectorTest()
      : files_(fs::temp_directory_path() / ("tcfeed-taxii-test-" + std::to_string(::getpid()))),
        sandbox_(make_sandbox(files_)) {}
  ~TaxiiConnectorTest() override {
    std::error_code ignored;
    fs::remove_all(files_, ignored);
  }

  static std::vector<std::string> make_sandbox(const fs::path& files) {
    fs::create_directories(files / "taxii" / "api1");
    return {"--files", files.string()};
  }

  void write_collection(const std::string& id, const std::string& settings, const std::vector<std::string>& entries) {
    std::ofstream out(files_ / "taxii" / "api1" / (id + ".json"));
    out << "{" << settings << R"(,"objects":[)";
    for (std::size_t i = 0; i < entries.size(); ++i) out << (i ? "," : "") << entries[i];
    out << "]}";
  }

  std::unique_ptr<pipeline::Connector> connector(const std::string& collection, bool groups = true) {
    TaxiiSettings settings;
    settings.groups = groups;
    settings.location.url = "https://localhost:" + std::to_string(sandbox_.port()) + "/taxii2/api1";
    settings.location.ca_file = sandbox_.ca_file();
    settings.collection = collection;
    settings.backfill = std::chrono::hours(24 * 7);
    return make_taxii_connector(settings, [] { return std::chrono::sys_days{std::chrono::January / 10 / 2026}; });
  }

  static std::set<std::string> distinct(const std::vector<std::string>& values) {
    return {values.begin(), values.end()};
  }

  fs::path files_;
  testing::SandboxProcess sandbox_;
};

TEST_F(TaxiiConnectorTest, PagesByNextAndTheSecondPollReadsOnlyWhatIsNew) {
  write_collection("c1", R"("title":"Main feed","page_size":2,"next":true)", six_entries());
  auto taxii = connector("c1");
  ValueSink first;
  const auto polled = taxii->poll({}, first);
  EXPECT_EQ(first.values.size(), 6u);
  EXPECT_EQ(distinct(first.values).size(), 6u);
  EXPECT_EQ(polled.records, 6u);
  EXPECT_EQ(polled.next.position, "2026-01-05T14:00:00.000Z");  // the server's own date, verbatim
  EXPECT_EQ(sandbox_.requests_to("/taxii2/api1/collections/c1/objects/"), 3);

  ValueSink second;
  const auto quiet = taxii->poll(polled.next, second);
  EXPECT_EQ(quiet.next.position, polled.next.position);
  EXPECT_TRUE(quiet.not_modified);
  EXPECT_TRUE(second.values.empty());

  auto entries = six_entries();
  entries.push_back(indicator_entry("2026-01-06T09:00:00.000Z", 7));
  write_collection("c1", R"("title":"Main feed","page_size":2,"next":true)", entries);
  ValueSink third;
  const auto later = taxii->poll(polled.next, third);
  EXPECT_EQ(third.values, (std::vector<std::string>{"http://host7.example/"}));
  EXPECT_EQ(later.next.position, "2026-01-06T09:00:00.000Z");
}

TEST_F(TaxiiConnectorTest, WithoutNextPagesByDateAddedLastAndAnInclusiveServerLosesNothing) {
  // Pages of three: each ends later than it began, so added_after moves on (pages of two would
  // stall on the two objects of 11:00, the next test's case).
  write_collection("c2", R"("title":"Inclusive","page_size":3,"next":false,"added_after":"inclusive")", six_entries());
  auto taxii = connector("Inclusive");
  ValueSink first;
  const auto polled = taxii->poll({}, first);
  // The boundary objects come twice (the seen set sends them once); none is missing.
  EXPECT_EQ(distinct(first.values).size(), 6u);
  EXPECT_EQ(first.values.size(), 9u);
  EXPECT_EQ(sandbox_.requests_to("/taxii2/api1/collections/c2/objects/"), 3);
  EXPECT_EQ(polled.next.position, "2026-01-05T14:00:00.000Z");
  ValueSink second;
  taxii->poll(polled.next, second);
  // Only what was added at the cursor's instant, again.
  EXPECT_EQ(second.values, (std::vector<std::string>{"http://host6.example/"}));
}

TEST_F(TaxiiConnectorTest, APagingThatMakesNoProgressEndsThePoll) {
  // Three objects of one instant, pages of two, inclusive and no next: added_after never moves.
  write_collection("c3", R"("title":"Stuck","page_size":2,"next":false,"added_after":"inclusive")",
                   {indicator_entry("2026-01-05T10:00:00.000Z", 1), indicator_entry("2026-01-05T10:00:00.000Z", 2),
                    indicator_entry("2026-01-05T10:00:00.000Z", 3)});
  ValueSink sink;
  const auto polled = connector("c3")->poll({}, sink);
  EXPECT_EQ(sandbox_.requests_to("/taxii2/api1/collections/c3/objects/"), 2);
  EXPECT_EQ(polled.next.position, "2026-01-05T10:00:00.000Z");
}

TEST_F(TaxiiConnectorTest, TheFirstPollReachesBackOnlyTheBackfill) {
  auto entries = six_entries();
  entries.insert(entries.begin(), indicator_entry("2025-12-01T00:00:00.000Z", 0));
  write_collection("c4", R"("title":"Old and new","page_size":100)", entries);
  ValueSink sink;
  connector("c4")->poll({}, sink);
  EXPECT_EQ(sink.values.size(), 6u);
  EXPECT_EQ(distinct(sink.values).count("http://host0.example/"), 0u);
}

TEST_F(TaxiiConnectorTest, AnUnknownCollectionOrTwoOfOneTitleIsAnError) {
  write_collection("c5", R"("title":"Twin")", {});
  write_collection("c6", R"("title":"Twin")", {});
  ValueSink sink;
  EXPECT_THROW(connector("nope")->poll({}, sink), pipeline::SourceError);
  try {
    connector("Twin")->poll({}, sink);
    ADD_FAILURE() << "two collections of one title were not refused";
  } catch (const pipeline::SourceError& error) {
    EXPECT_NE(std::string(error.what()).find("two collections"), std::string::npos) << error.what();
  }
  // By id it is unambiguous; an empty collection answers the empty envelope.
  EXPECT_EQ(connector("c5")->poll({}, sink).records, 0u);
}

TEST_F(TaxiiConnectorTest, WithoutGroupsAPollCutAtAnyCheckpointResumesWithoutLoss) {
  // Strict added_after by next (the 11:00 pair split by the first page boundary), and inclusive
  // without next: a poll stopped right after a checkpoint and resumed from its cursor reads
  // everything the stopped poll had not handed over.
  write_collection("c7", R"("title":"By next","page_size":2,"next":true)", six_entries());
  write_collection("c8", R"("title":"By date","page_size":3,"next":false,"added_after":"inclusive")", six_entries());
  for (const std::string collection : {"c7", "c8"}) {
    auto taxii = connector(collection, false);
    ValueSink whole;
    taxii->poll({}, whole);
    ASSERT_FALSE(whole.checkpoints.empty()) << collection;
    for (const auto& checkpoint : whole.checkpoints) {
      ValueSink resumed;
      taxii->poll({checkpoint.position, "", ""}, resumed);
      std::set<std::string> all(whole.values.begin(), whole.values.begin() + checkpoint.values);
      all.insert(resumed.values.begin(), resumed.values.end());
      EXPECT_EQ(all.size(), 6u) << collection << " resumed from " << checkpoint.position;
    }
  }
  // By next, 11:00 is never a checkpoint: object 3, added then, is on the next page.
  ValueSink by_next;
  connector("c7", false)->poll({}, by_next);
  for (const auto& checkpoint : by_next.checkpoints) EXPECT_NE(checkpoint.position, "2026-01-05T11:00:00.000Z");
  // With groups the indicators are held to the end of the poll: no checkpoint.
  ValueSink held;
  connector("c7")->poll({}, held);
  EXPECT_TRUE(held.checkpoints.empty());
}

TEST(TaxiiBundle, ABundleFileIsReadWithBackfillAndCursorOnModified) {
  TaxiiSettings settings;
  settings.location.url = "file://" + testing_support::fixture_path("taxii", "bundle.json");
  settings.backfill = std::chrono::hours(24 * 7);
  auto taxii = make_taxii_connector(settings, [] { return std::chrono::sys_days{std::chrono::January / 4 / 2026}; });
  ValueSink first;
  const auto polled = taxii->poll({}, first);
  EXPECT_EQ(first.values, (std::vector<std::string>{"185.216.71.7", "c2.evil.example",
                                                    "http://c2.evil.example/gate.php", "45.9.148.0/24",
                                                    "aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f",
                                                    "b1946ac92492d2347c6235b4d2611184"}));
  EXPECT_EQ(first.reasons, (std::vector<std::string>{"pattern_and", "pattern_object", "pattern_not_stix", "revoked",
                                                     "expired", "stix_group", "stix_group"}));
  // The bundle's relationship (after its indicator) makes the first value Emotet's.
  EXPECT_EQ(first.groups, (std::vector<std::string>{"Emotet", "", "", "", "", ""}));
  EXPECT_EQ(polled.records, 10u);
  EXPECT_EQ(polled.next.position, "2026-01-03T10:00:00Z");
  ValueSink second;
  taxii->poll(polled.next, second);
  EXPECT_TRUE(second.values.empty());
}

}  // namespace
}  // namespace tcfeed::connectors::taxii
