// The pure parts behind the v3 reads, owners and the request log: HTTP dates, paging links,
// owner permissions, the ATT&CK subset and the stats log cap.
#include <gtest/gtest.h>

#include <set>

#include "tests/sandbox/attack_tags.hpp"
#include "tests/sandbox/http_date.hpp"
#include "tests/sandbox/options.hpp"
#include "tests/sandbox/owner_access.hpp"
#include "tests/sandbox/paging.hpp"
#include "tests/sandbox/query.hpp"
#include "tests/sandbox/stats.hpp"

namespace tcfeed::sandbox {
namespace {

TEST(SandboxHttpDate, ImfFixdateBothWays) {
  EXPECT_EQ(format_http_date(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(format_http_date(1700000000), "Tue, 14 Nov 2023 22:13:20 GMT");
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777);
  EXPECT_FALSE(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"));
  EXPECT_FALSE(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT trailing"));
}

TEST(SandboxPaging, NextKeepsTheRawQueryAndMovesResultStart) {
  EXPECT_EQ(replace_query_param("tql=a%20b&resultStart=0&resultLimit=2", "resultStart", "2"),
            "tql=a%20b&resultStart=2&resultLimit=2");
  EXPECT_EQ(replace_query_param("owner=Demo+Org&fields=tags&fields=threatAssess", "resultStart", "100"),
            "owner=Demo+Org&fields=tags&fields=threatAssess&resultStart=100");
  EXPECT_EQ(replace_query_param("", "resultStart", "5"), "resultStart=5");
  Request request;
  request.target = "/api/v3/tags?tql=techniqueId%20is%20not%20null&resultLimit=10";
  request.headers.emplace_back("host", "localhost:8443");
  EXPECT_EQ(next_link(request, 10),
            "https://localhost:8443/api/v3/tags?tql=techniqueId%20is%20not%20null&resultLimit=10&resultStart=10");
  EXPECT_EQ(query_params("fields=tags&x=1&fields=threatAssess", "fields"),
            (std::vector<std::string>{"tags", "threatAssess"}));
}

TEST(SandboxPaging, LimitsChecked) {
  Request request;
  request.target = "/x?resultStart=5&resultLimit=10000";
  ASSERT_TRUE(parse_page(request));
  EXPECT_EQ(parse_page(request)->start, 5);
  request.target = "/x?resultLimit=10001";
  EXPECT_FALSE(parse_page(request));
  request.target = "/x?resultStart=-1";
  EXPECT_FALSE(parse_page(request));
  request.target = "/x";
  EXPECT_EQ(parse_page(request)->limit, kDefaultResultLimit);
}

TEST(SandboxOwners, SpecSuffixesAndPermissions) {
  const OwnerSpec plain = parse_owner_spec("Demo Organization");
  EXPECT_EQ(plain.type, "Organization");
  EXPECT_EQ(plain.perm_indicator, "FULL");
  const OwnerSpec reader = parse_owner_spec("Shared:Community:READ");
  EXPECT_EQ(reader.name, "Shared");
  EXPECT_EQ(reader.type, "Community");
  EXPECT_EQ(reader.perm_indicator, "READ");
  const OwnerSpec none = parse_owner_spec("Org:NONE");
  EXPECT_EQ(none.name, "Org");
  EXPECT_EQ(none.perm_indicator, "NONE");
  EXPECT_EQ(parse_owner_spec("A:B:Source").name, "A:B");
  EXPECT_EQ(parse_owner_spec("Time 12:30").name, "Time 12:30");

  const Owner full{1, "A", "Organization", "FULL"};
  const Owner read{2, "B", "Community", "READ"};
  EXPECT_FALSE(batch_access_problem(full, {}));
  const auto denied = batch_access_problem(full, OwnerNames{"A"});
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->status, 403);
  const auto no_write = batch_access_problem(read, {});
  ASSERT_TRUE(no_write);
  EXPECT_EQ(no_write->status, 401);
  EXPECT_NE(no_write->body.find("You do not have permission to create Indicators; "), std::string::npos);
  EXPECT_EQ(owner_role(full), "Organization Administrator");
  EXPECT_EQ(owner_role(read), "Subscriber");
}

TEST(SandboxAttackTags, RealisticSubset) {
  const auto tags = attack_tags();
  ASSERT_GE(tags.size(), 30u);
  EXPECT_EQ(tags[0].id, 100);
  EXPECT_EQ(tags[0].technique_id, "T1055");
  EXPECT_EQ(tags[1].name, "Process Injection: Dynamic-link Library Injection");
  std::set<std::string_view> ids;
  std::int64_t previous = 0;
  for (const auto& tag : tags) {
    EXPECT_TRUE(ids.insert(tag.technique_id).second) << tag.technique_id;
    EXPECT_GT(tag.id, previous);
    previous = tag.id;
    // A sub-technique is named "Parent: Child" after its parent technique.
    if (const auto dot = tag.technique_id.find('.'); dot != std::string_view::npos) {
      bool parent_found = false;
      for (const auto& parent : tags) {
        if (parent.technique_id == tag.technique_id.substr(0, dot)) {
          parent_found = tag.name.starts_with(std::string(parent.name) + ": ");
        }
      }
      EXPECT_TRUE(parent_found) << tag.technique_id;
    }
  }
  ASSERT_NE(find_attack_tag_by_name("Phishing"), nullptr);
  EXPECT_EQ(find_attack_tag_by_name("Phishing")->technique_id, "T1566");
  EXPECT_EQ(find_attack_tag_by_name("phishing"), nullptr);
}

TEST(SandboxStats, LogKeepsTheNewestEntriesAndCountsPaths) {
  Stats stats;
  for (std::size_t i = 0; i < Stats::kLogCapacity + 5; ++i) {
    stats.record({static_cast<std::int64_t>(i), "GET", i % 2 ? "/a" : "/b", 200, false, ""});
  }
  EXPECT_EQ(stats.log().size(), Stats::kLogCapacity);
  EXPECT_EQ(stats.log().front().t_ms, 5);
  EXPECT_EQ(stats.paths().at("/a") + stats.paths().at("/b"), static_cast<std::int64_t>(Stats::kLogCapacity + 5));
  std::string body;
  JsonWriter json(body);
  Stats small;
  small.record({12, "POST", "/api/v2/batch", 503, false, ""});
  small.write_json(json);
  EXPECT_EQ(body, R"({"connections":0,"requests":0,"paths":{"/api/v2/batch":1},)"
                  R"("log":[{"t_ms":12,"method":"POST","path":"/api/v2/batch","status":503}],"log_dropped":0})");
  stats.clear_log();
  EXPECT_TRUE(stats.log().empty());
  EXPECT_TRUE(stats.paths().empty());
}

}  // namespace
}  // namespace tcfeed::sandbox
