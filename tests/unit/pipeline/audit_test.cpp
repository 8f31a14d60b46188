// The audit of a poll (docs/audit.md): a JSON line per record and per candidate, each candidate's
// outcome with the reason code and the rule that decided, and the lines add up to the run's books.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "lib/pipeline/stream/indicator_stream.hpp"

namespace tcfeed::pipeline {
namespace {

using indicators::IndicatorType;

class NullSink final : public BatchSink {
 public:
  void batch(std::string_view, std::size_t, std::span<const state::SeenEntry>) override {}
};

struct Line {
  std::map<std::string, std::string> text;
  std::int64_t record = 0, candidate = 0;
};

std::vector<Line> read_lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<Line> lines;
  std::string raw;
  simdjson::dom::parser parser;
  while (std::getline(in, raw)) {
    const simdjson::dom::element element = parser.parse(raw);
    Line line;
    for (const auto field : element.get_object()) {
      if (field.value.is_string()) {
        line.text[std::string(field.key)] = std::string(field.value.get_string().value());
      }
    }
    line.record = element["record"].get_int64();
    if (const auto candidate = element["candidate"]; !candidate.error()) line.candidate = candidate.get_int64();
    lines.push_back(std::move(line));
  }
  return lines;
}

class AuditTest : public ::testing::Test {
 protected:
  AuditTest() {
    connector_.name = "feed";
    connector_.owner = "Demo Organization";
    policy_.allowlist.add_builtin("reserved-ip-ranges");
    EXPECT_FALSE(policy_.allowlist.add("*.corp.example"));
    for (const auto id : Warninglists::builtin_names()) policy_.warninglists.add_builtin(id);
    path_ =
        (std::filesystem::temp_directory_path() / ("tcfeed-audit-" + std::to_string(::getpid()) + ".jsonl")).string();
  }
  ~AuditTest() override { std::filesystem::remove(path_); }

  void run(std::uint32_t stamp, const std::function<void(IndicatorStream&)>& offers) {
    AuditLog audit(path_, connector_.name);
    StreamSettings settings{stamp, 7 * 86400};
    settings.audit = &audit;
    IndicatorStream stream(connector_, global_, policy_, stripped_, seen_, settings, sink_, counters_);
    offers(stream);
    stream.finish();
    audit.close();
  }
  static void offer(IndicatorStream& stream, IndicatorType type, std::string_view value, bool continues = false,
                    bool benign = false) {
    Candidate candidate;
    candidate.type = type;
    candidate.value = value;
    candidate.continues_record = continues;
    candidate.benign = benign;
    candidate.attributes = {{"Source", "https://feed.example/record/1"}};
    stream.accept(candidate);
  }

  config::Config global_;
  config::ConnectorConfig connector_;
  Policy policy_;
  std::vector<std::string> stripped_;
  SeenSet seen_;
  NullSink sink_;
  RunCounters counters_;
  std::string path_;
};

TEST_F(AuditTest, EveryRecordAndCandidateWithItsOutcomeReasonAndRule) {
  run(1000, [](IndicatorStream& s) {
    offer(s, IndicatorType::URL, "http://Evil.example/a");  // record 1: URL and its host
    offer(s, IndicatorType::Host, "Evil.example", true);
    offer(s, IndicatorType::Address, "8.8.8.8");                  // 2: a public resolver
    offer(s, IndicatorType::Address, "192.168.1.1");              // 3: reserved
    offer(s, IndicatorType::Host, "www.corp.example");            // 4: allowlisted by an entry
    offer(s, IndicatorType::Address, "999.1.1.1");                // 5: rejected
    s.unmapped(Unmapped::BeforeBackfill);                         // 6
    s.unmapped(Unmapped::Malformed);                              // 7
    offer(s, IndicatorType::Host, "evil.example");                // 8: repeated in the run
    offer(s, IndicatorType::Host, "false.example", false, true);  // 9: benign
  });
  const auto lines = read_lines(path_);
  ASSERT_EQ(lines.size(), 10u);
  for (const auto& line : lines) EXPECT_EQ(line.text.at("connector"), "feed");
  const auto expect = [&](std::size_t i, std::int64_t record, const std::string& outcome, const std::string& reason,
                          const std::string& rule) {
    SCOPED_TRACE(i);
    const auto& line = lines[i];
    EXPECT_EQ(line.record, record);
    const auto field = [&](const char* name) {
      const auto found = line.text.find(name);
      return found == line.text.end() ? std::string() : found->second;
    };
    EXPECT_EQ(line.candidate == 0 ? field("record_outcome") : field("outcome"), outcome);
    EXPECT_EQ(field("reason"), reason);
    EXPECT_EQ(field("rule").substr(0, rule.size()), rule);
  };
  expect(0, 1, "queued", "", "seen set: new");
  EXPECT_EQ(lines[0].text.at("value"), "http://Evil.example/a");
  EXPECT_EQ(lines[0].text.at("sent"), "http://evil.example/a");
  EXPECT_EQ(lines[0].text.at("type"), "URL");
  EXPECT_EQ(lines[0].text.at("source"), "https://feed.example/record/1");
  EXPECT_EQ(lines[0].candidate, 1);
  expect(1, 1, "queued", "", "seen set: new");
  EXPECT_EQ(lines[1].candidate, 2);
  expect(2, 2, "dropped", "warninglist:public-dns-resolvers", "warninglist public-dns-resolvers");
  expect(3, 3, "dropped", "allowlist:reserved-ip-ranges", "allowlist reserved-ip-ranges 192.168.0.0/16");
  expect(4, 4, "dropped", "allowlist:entry", "allowlist corp.example");
  expect(5, 5, "rejected", "ipv4_octet_out_of_range", "IPv4 octet above 255");
  EXPECT_EQ(lines[5].text.count("sent"), 0u);
  expect(6, 6, "skipped", "before_backfill", "backfill");
  expect(7, 7, "unmapped", "malformed_row", "format");
  expect(8, 8, "duplicate", "", "seen set: queued earlier in this run");
  expect(9, 9, "dropped", "benign", "the source's own verdict");

  // The lines add up to the run's books.
  std::map<std::string, std::size_t> outcomes;
  std::size_t mapped = 0, unmapped = 0, skipped = 0;
  for (const auto& line : lines) {
    if (line.candidate == 1) ++mapped;
    if (line.candidate > 0) ++outcomes[line.text.at("outcome")];
    if (line.text.at("record_outcome") == "unmapped") ++unmapped;
    if (line.text.at("record_outcome") == "skipped") ++skipped;
  }
  const auto books = balance(counters_);
  EXPECT_EQ(mapped, counters_.records_mapped);
  EXPECT_EQ(unmapped, books.unmapped);
  EXPECT_EQ(skipped, books.skipped);
  EXPECT_EQ(outcomes["queued"], counters_.indicators);
  EXPECT_EQ(outcomes["duplicate"], counters_.duplicates);
  EXPECT_EQ(outcomes["rejected"], books.rejected);
  EXPECT_EQ(outcomes["dropped"], books.dropped);
}

TEST_F(AuditTest, TheSeenSetSaysWhenAValueWasSent) {
  const auto feed = [](IndicatorStream& s) { offer(s, IndicatorType::Host, "evil.example"); };
  run(1000, feed);
  run(2000, feed);  // unchanged within delivery.refresh
  auto lines = read_lines(path_);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].text.at("outcome"), "unchanged");
  EXPECT_EQ(lines[0].text.at("rule"), "seen set: unchanged, sent 1970-01-01T00:16:40Z");
  run(1000 + 8 * 86400, feed);  // past delivery.refresh: sent again
  lines = read_lines(path_);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].text.at("outcome"), "queued");
  EXPECT_EQ(lines[0].text.at("rule"),
            "seen set: unchanged since sent 1970-01-01T00:16:40Z, older than delivery.refresh");
}

// A value on a tag-only warninglist is sent, and its line names the list.
TEST_F(AuditTest, ATagOnlyWarninglistIsNamed) {
  ASSERT_TRUE(policy_.warninglists.set_tag_only("public-dns-resolvers"));
  run(1000, [](IndicatorStream& s) { offer(s, IndicatorType::Address, "8.8.8.8"); });
  const auto lines = read_lines(path_);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].text.at("outcome"), "queued");
  EXPECT_EQ(lines[0].text.at("warninglist"), "public-dns-resolvers");
}

TEST(AuditLogFile, AnUnwritablePathIsAnErrorNamingIt) {
  try {
    AuditLog audit("/nonexistent-dir/x/audit.jsonl", "feed");
    FAIL() << "opened";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("/nonexistent-dir/x/audit.jsonl"), std::string::npos);
  }
}

}  // namespace
}  // namespace tcfeed::pipeline
