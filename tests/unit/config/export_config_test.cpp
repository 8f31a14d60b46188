// The `exports:` section: what it accepts, and that each refusal names the file, line and key.
#include "lib/config/export_config.hpp"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "lib/config/config_error.hpp"

namespace tcfeed::config {
namespace {

std::vector<ExportConfig> read(const std::string& yaml) {
  return read_exports(YAML::Load(yaml)["exports"], "t.yaml", false);
}

std::string error_of(const std::string& yaml) {
  try {
    read(yaml);
  } catch (const ConfigError& error) {
    return error.what();
  }
  ADD_FAILURE() << "accepted:\n" << yaml;
  return {};
}

TEST(ExportConfig, ReadsTheIssueExample) {
  const auto exports = read(R"(exports:
  - name: pan-block-ips
    owners: ["Acme Threat Feeds", "Common Community"]
    types: [Address, CIDR]
    min_rating: 3
    min_confidence: 50
    min_threat_assess_score: 500
    tags_any: [botnet-c2]
    where: 'dateAdded > "2026-01-01"'
    format: edl
    max_entries: 50000
    every: 15m
    full_every: 24h
    file: /var/lib/tcfeed/exports/pan-block-ips.txt
    shrink_guard: 20%
    never: [203.0.113.0/24, google.com]
    edl: { collapse: true, hosts: as_is }
)");
  ASSERT_EQ(exports.size(), 1u);
  const auto& e = exports[0];
  EXPECT_EQ(e.name, "pan-block-ips");
  EXPECT_EQ(e.owners.size(), 2u);
  EXPECT_EQ(e.types.size(), 2u);
  EXPECT_EQ(e.min_rating, 3);
  EXPECT_EQ(e.min_confidence, 50);
  EXPECT_EQ(e.min_threat_assess_score, 500);
  EXPECT_EQ(e.where, "dateAdded > \"2026-01-01\"");
  EXPECT_EQ(e.max_entries, 50000u);
  EXPECT_EQ(e.every, std::chrono::minutes(15));
  EXPECT_EQ(e.full_every, std::chrono::hours(24));
  EXPECT_DOUBLE_EQ(e.shrink_guard, 0.2);
  EXPECT_EQ(e.never.size(), 2u);
  EXPECT_TRUE(e.edl.collapse);
  EXPECT_EQ(e.line, 2);
}

TEST(ExportConfig, Defaults) {
  const auto exports = read("exports:\n  - { name: all, owners: [A], format: csv }\n");
  ASSERT_EQ(exports.size(), 1u);
  EXPECT_DOUBLE_EQ(exports[0].shrink_guard, 0.3);
  EXPECT_EQ(exports[0].every, std::chrono::minutes(15));
  EXPECT_FALSE(exports[0].edl.comments);
  EXPECT_FALSE(exports[0].edl.collapse);
}

TEST(ExportConfig, RefusalsNameFileLineAndKey) {
  EXPECT_EQ(error_of("exports:\n  - { name: Bad_Name, owners: [A], format: csv }\n").rfind("t.yaml:2:", 0), 0u);
  EXPECT_NE(error_of("exports:\n  - { name: a, owners: [A], format: csv }\n  - { name: a, owners: [B], format: csv }\n")
                .find("duplicate export name 'a'"),
            std::string::npos);
  EXPECT_NE(error_of("exports:\n  - { name: a, format: csv }\n").find("owners"), std::string::npos);
  EXPECT_NE(error_of("exports:\n  - { name: a, owners: [A], format: xml }\n").find("edl, csv or json"),
            std::string::npos);
  EXPECT_NE(error_of("exports:\n  - { name: a, owners: [A], types: [Adress], format: csv }\n").find("'Adress'"),
            std::string::npos);
  EXPECT_NE(error_of("exports:\n  - { name: a, owners: [A], format: csv, evrey: 1m }\n").find("evrey"),
            std::string::npos);
  EXPECT_NE(error_of("exports:\n  - { name: a, owners: [A], format: csv, min_rating: 6 }\n").find("min_rating"),
            std::string::npos);
  EXPECT_NE(error_of("exports:\n  - { name: a, owners: [A], format: csv, shrink_guard: 130% }\n").find("shrink_guard"),
            std::string::npos);
}

TEST(ExportConfig, AuthIsABearerTokenOrABasicUserByReference) {
  auto e = read("exports:\n  - { name: a, owners: [A], format: csv, auth: { bearer_token_env: EDL_TOKEN } }\n");
  EXPECT_EQ(e[0].auth.kind, ExportAuth::Kind::Bearer);
  e = read("exports:\n  - { name: a, owners: [A], format: csv, auth: { basic_user: pan, basic_password_env: P } }\n");
  EXPECT_EQ(e[0].auth.kind, ExportAuth::Kind::Basic);
  EXPECT_EQ(e[0].auth.user, "pan");
  EXPECT_NE(error_of("exports:\n  - { name: a, owners: [A], format: csv, auth: { bearer_token: s3cr3t } }\n")
                .find("bearer_token"),
            std::string::npos);
  EXPECT_EQ(
      error_of("exports:\n  - { name: a, owners: [A], format: csv, auth: { bearer_token: s3cr3t } }\n").find("s3cr3t"),
      std::string::npos);
  EXPECT_NE(error_of("exports:\n  - { name: a, owners: [A], format: csv, auth: { basic_user: pan } }\n")
                .find("basic_password"),
            std::string::npos);
}

TEST(ExportConfig, AnEdlHoldsOneKind) {
  EXPECT_NE(error_of("exports:\n  - { name: a, owners: [A] }\n").find("required for format edl"), std::string::npos);
  EXPECT_NE(error_of("exports:\n  - { name: a, owners: [A], types: [Address, Host] }\n").find("one kind"),
            std::string::npos);
  EXPECT_NE(error_of("exports:\n  - { name: a, owners: [A], types: [File] }\n").find("not File"), std::string::npos);
  EXPECT_NE(error_of("exports:\n  - { name: a, owners: [A], format: csv, edl: { collapse: true } }\n")
                .find("format: edl only"),
            std::string::npos);
  EXPECT_EQ(read("exports:\n  - { name: a, owners: [A], types: [URL] }\n").size(), 1u);
}

}  // namespace
}  // namespace tcfeed::config
