#include "tests/sandbox/tql.hpp"

#include <gtest/gtest.h>

#include <array>

namespace tcfeed::sandbox {
namespace {

constexpr std::array<TqlField, 3> kFields = {TqlField{"typeName"}, TqlField{"summary"}, TqlField{"techniqueId", true}};

std::vector<TqlClause> parsed(std::string_view text) {
  std::vector<TqlClause> clauses;
  const auto error = parse_tql(text, clauses);
  EXPECT_FALSE(error) << *error;
  return clauses;
}

TEST(SandboxTql, ParsesTheSubset) {
  auto clauses = parsed(R"(typeName in ("Address", "Host") AND summary = 'a\'b' and techniqueId is not null)");
  ASSERT_EQ(clauses.size(), 3u);
  EXPECT_EQ(clauses[0].op, TqlOp::kIn);
  EXPECT_EQ(clauses[0].values, (std::vector<std::string>{"Address", "Host"}));
  EXPECT_EQ(clauses[1].values.front(), "a'b");
  EXPECT_EQ(clauses[2].op, TqlOp::kIsNotNull);
  EXPECT_EQ(parsed(R"(techniqueId NE "null")")[0].op, TqlOp::kNotEquals);
  EXPECT_EQ(parsed("techniqueId is null")[0].op, TqlOp::kIsNull);
  EXPECT_TRUE(parsed("  ").empty());
}

TEST(SandboxTql, RejectsEverythingElse) {
  std::vector<TqlClause> clauses;
  for (const char* text : {R"(typeName = "Host" or summary = "x")", R"(summary like "x")", R"(summary = "x)",
                           "typeName in (\"A\"", "(summary = \"x\"", "summary = \"x\")", R"(summary = "a\nb")",
                           "summary >= ", "techniqueId is not", "hasTag(name = \"x\")", "summary(x = 1)"}) {
    const auto error = parse_tql(text, clauses);
    ASSERT_TRUE(error) << text;
    EXPECT_NE(error->find("TQL"), std::string::npos);
  }
  ASSERT_FALSE(parse_tql("rating = 3", clauses));
  EXPECT_TRUE(tql_check(clauses, kFields));
  ASSERT_FALSE(parse_tql("summary is null", clauses));
  EXPECT_TRUE(tql_check(clauses, kFields));  // only techniqueId allows null checks
}

// What the exports' reads send (docs/exports.md, Reads): comparisons, hasTag, parentheses.
TEST(SandboxTql, ComparesNumbersAndTimesAndTags) {
  constexpr std::array<TqlField, 4> fields = {TqlField{"rating"}, TqlField{"lastModified"}, TqlField{"typeName"},
                                              TqlField{"hasTag", false, true}};
  const auto lookup = [](std::string_view field) -> std::optional<std::string> {
    if (field == "rating") return std::string("4");
    if (field == "lastModified") return std::string("2026-12-06T08:00:00Z");
    if (field == "typeName") return std::string("Address");
    return std::string(
        "botnet-c2\x1f"
        "Emotet");
  };
  const auto holds = [&](const char* text) {
    std::vector<TqlClause> clauses;
    const auto error = parse_tql(text, clauses);
    EXPECT_FALSE(error) << text << ": " << error.value_or("");
    EXPECT_FALSE(tql_check(clauses, fields)) << text;
    return tql_matches(clauses, fields, lookup);
  };
  EXPECT_TRUE(holds("rating >= 4"));
  EXPECT_TRUE(holds("rating > 3.5"));
  EXPECT_FALSE(holds("rating > 4"));
  EXPECT_TRUE(holds("rating < 10"));  // as numbers, not as text ("4" > "10")
  EXPECT_TRUE(holds("rating <= 4 and rating geq 4"));
  EXPECT_TRUE(holds(R"(lastModified >= "2026-12-06T07:55:00Z")"));
  EXPECT_FALSE(holds(R"(lastModified > "2026-12-06T08:00:00Z")"));
  EXPECT_TRUE(holds(R"(hasTag(summary in ("emotet", "x")))"));
  EXPECT_FALSE(holds(R"(hasTag(summary = "scanner"))"));
  EXPECT_TRUE(holds(R"(typeName in ("Address") and (rating >= 3 and (hasTag(summary = "botnet-c2"))))"));
}

TEST(SandboxTql, MatchesIgnoringCaseAndNullLiteral) {
  const auto lookup = [](std::optional<std::string> technique) {
    return [technique](std::string_view field) -> std::optional<std::string> {
      if (field == "typeName") return std::string("Host");
      if (field == "summary") return std::string("Bad.example");
      return technique;
    };
  };
  const auto clauses = parsed(R"(TYPENAME in ("address","host") and Summary = "bad.example")");
  EXPECT_FALSE(tql_check(clauses, kFields));
  EXPECT_TRUE(tql_matches(clauses, kFields, lookup(std::nullopt)));
  EXPECT_FALSE(tql_matches(parsed(R"(typeName = "URL")"), kFields, lookup(std::nullopt)));
  const auto not_null = parsed(R"(techniqueId NE "null")");
  EXPECT_TRUE(tql_matches(not_null, kFields, lookup("T1055")));
  EXPECT_FALSE(tql_matches(not_null, kFields, lookup(std::nullopt)));
  EXPECT_TRUE(tql_matches(parsed("techniqueId is not null"), kFields, lookup("T1055")));
  EXPECT_TRUE(tql_matches(parsed("techniqueId is null"), kFields, lookup(std::nullopt)));
}

}  // namespace
}  // namespace tcfeed::sandbox
