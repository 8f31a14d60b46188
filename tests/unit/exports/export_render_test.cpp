// The formats, their order, max_entries and the never-block list (docs/exports.md, Formats, Safety).
#include "lib/exports/export_render.hpp"

#include <gtest/gtest.h>

namespace tcfeed::exports {
namespace {

using indicators::IndicatorType;

ExportEntry make(std::int64_t id, IndicatorType type, std::string value, std::optional<std::int64_t> score,
                 std::string owner = "Acme") {
  ExportEntry e;
  e.id = id;
  e.type = type;
  e.value = std::move(value);
  e.owner = std::move(owner);
  e.rating = 4.5;
  e.confidence = 80;
  e.threat_assess_rating = 4.37;
  e.threat_assess_confidence = 72.91;
  e.threat_assess_score = score;
  e.last_modified = "2026-12-06T08:00:00Z";
  e.tags = {"botnet-c2", "Emotet"};
  return e;
}

ExportList map_of(const std::vector<ExportEntry>& entries) { return ExportList::of(entries); }

config::ExportConfig edl_config() {
  config::ExportConfig c;
  c.name = "t";
  c.format = config::ExportFormat::Edl;
  return c;
}

pipeline::Allowlist reserved_only() {
  pipeline::Allowlist never;
  never.add_builtin("reserved-ip-ranges");
  return never;
}

TEST(ExportRender, OrdersByScoreThenValue) {
  const auto entries = map_of(
      {make(1, IndicatorType::Address, "198.51.100.9", 300), make(2, IndicatorType::Address, "11.0.0.2", 900),
       make(3, IndicatorType::Address, "11.0.0.1", 300), make(4, IndicatorType::Address, "11.0.0.3", std::nullopt)});
  const auto list = render(edl_config(), entries, pipeline::Allowlist());
  EXPECT_EQ(list.body, "11.0.0.2\n11.0.0.1\n198.51.100.9\n11.0.0.3\n");
  EXPECT_EQ(list.entries, 4u);
}

TEST(ExportRender, EdlWritesUrlsWithoutSchemeAndHostsAsConfigured) {
  auto config = edl_config();
  const auto urls = map_of({make(1, IndicatorType::URL, "http://evil.example/a?b=1", 10),
                            make(2, IndicatorType::URL, "https://evil.example/x", 20)});
  EXPECT_EQ(render(config, urls, pipeline::Allowlist()).body, "evil.example/x\nevil.example/a?b=1\n");
  const auto hosts = map_of({make(1, IndicatorType::Host, "bad.example", 10)});
  EXPECT_EQ(render(config, hosts, pipeline::Allowlist()).body, "bad.example\n");
  config.edl.hosts = config::EdlHosts::Wildcard;
  EXPECT_EQ(render(config, hosts, pipeline::Allowlist()).body, "*.bad.example\n");
  config.edl.hosts = config::EdlHosts::Both;
  EXPECT_EQ(render(config, hosts, pipeline::Allowlist()).body, "bad.example\n*.bad.example\n");
  config.edl.comments = true;
  config.edl.hosts = config::EdlHosts::AsIs;
  EXPECT_EQ(render(config, hosts, pipeline::Allowlist()).body, "bad.example # Acme, score 10\n");
}

TEST(ExportRender, EdlWritesAValueOfTwoOwnersOnce) {
  const auto entries = map_of(
      {make(1, IndicatorType::Address, "11.0.0.1", 100, "A"), make(2, IndicatorType::Address, "11.0.0.1", 500, "B")});
  const auto list = render(edl_config(), entries, pipeline::Allowlist());
  EXPECT_EQ(list.body, "11.0.0.1\n");
  EXPECT_EQ(list.entries, 1u);
}

TEST(ExportRender, EdlCollapsesAdjacentAddresses) {
  auto config = edl_config();
  config.edl.collapse = true;
  const auto entries =
      map_of({make(1, IndicatorType::Address, "11.0.0.0", 100), make(2, IndicatorType::Address, "11.0.0.1", 900),
              make(3, IndicatorType::CIDR, "12.0.0.0/16", 50), make(4, IndicatorType::Address, "11.0.0.7", 10)});
  EXPECT_EQ(render(config, entries, pipeline::Allowlist()).body, "12.0.0.0/16\n11.0.0.0/31\n11.0.0.7\n");
}

TEST(ExportRender, MaxEntriesKeepsTheTopScoresAndCountsTheCut) {
  auto config = edl_config();
  config.max_entries = 2;
  const auto entries =
      map_of({make(1, IndicatorType::Address, "11.0.0.1", 100), make(2, IndicatorType::Address, "11.0.0.2", 900),
              make(3, IndicatorType::Address, "11.0.0.3", 500), make(4, IndicatorType::Address, "11.0.0.4", 1)});
  const auto list = render(config, entries, pipeline::Allowlist());
  EXPECT_EQ(list.body, "11.0.0.2\n11.0.0.3\n");
  EXPECT_EQ(list.cut, 2u);
}

TEST(ExportRender, NeverBlocksReservedRangesAndConfiguredEntries) {
  auto never = reserved_only();
  ASSERT_FALSE(never.add("google.com"));
  ASSERT_FALSE(never.add("203.0.113.0/24"));
  auto config = edl_config();
  const auto ips =
      map_of({make(1, IndicatorType::Address, "10.1.2.3", 999), make(2, IndicatorType::Address, "127.0.0.1", 999),
              make(3, IndicatorType::CIDR, "192.168.0.0/16", 999), make(4, IndicatorType::Address, "11.0.0.1", 5)});
  auto list = render(config, ips, never);
  EXPECT_EQ(list.body, "11.0.0.1\n");
  EXPECT_EQ(list.never_blocked, 3u);
  const auto hosts = map_of(
      {make(1, IndicatorType::Host, "google.com", 999), make(2, IndicatorType::Host, "mail.google.com", 999),
       make(3, IndicatorType::URL, "https://www.google.com/x", 999), make(4, IndicatorType::Host, "notgoogle.com", 1)});
  config.format = config::ExportFormat::Json;
  list = render(config, hosts, never);
  EXPECT_EQ(list.entries, 1u);
  EXPECT_NE(list.body.find("notgoogle.com"), std::string::npos);
}

TEST(ExportRender, CsvHasTheHeaderAndQuotesWhatNeedsIt) {
  config::ExportConfig config;
  config.format = config::ExportFormat::Csv;
  auto e = make(1, IndicatorType::UserAgent, "Mozilla/5.0 (X, \"Y\")", 250);
  auto f = make(2, IndicatorType::Host, "=cmd.example", 100);
  f.rating.reset();
  f.tags.clear();
  const auto list = render(config, map_of({e, f}), pipeline::Allowlist());
  EXPECT_EQ(list.body,
            "type,value,owner,rating,confidence,threatAssessRating,threatAssessConfidence,threatAssessScore,"
            "lastModified,tags\n"
            "User Agent,\"Mozilla/5.0 (X, \"\"Y\"\")\",Acme,4.5,80,4.37,72.91,250,2026-12-06T08:00:00Z,"
            "botnet-c2;Emotet\n"
            "Host,\"'=cmd.example\",Acme,,80,4.37,72.91,100,2026-12-06T08:00:00Z,\n");
}

TEST(ExportRender, JsonIsOneObjectPerLine) {
  config::ExportConfig config;
  config.format = config::ExportFormat::Json;
  const auto list = render(config, map_of({make(1, IndicatorType::Host, "bad.example", 250)}), pipeline::Allowlist());
  EXPECT_EQ(list.body, R"({"type":"Host","value":"bad.example","owner":"Acme","rating":4.5,"confidence":80,)"
                       R"("threatAssessRating":4.37,"threatAssessConfidence":72.91,"threatAssessScore":250,)"
                       R"("lastModified":"2026-12-06T08:00:00Z","tags":["botnet-c2","Emotet"]})"
                       "\n");
}

}  // namespace
}  // namespace tcfeed::exports
