#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "lib/indicators/attack_catalog.hpp"

namespace tcfeed::indicators {
namespace {

std::string fixture(const std::string& name) {
  const char* source_dir = std::getenv("TCFEED_SOURCE_DIR");
  const std::filesystem::path root = source_dir != nullptr ? std::filesystem::path(source_dir)
                                                           : std::filesystem::path(__FILE__).parent_path() / "../../..";
  return (root / "tests/fixtures/attack" / name).string();
}

std::string write_temp(const std::string& name, const std::string& content) {
  const std::string path = ::testing::TempDir() + name;
  std::ofstream(path) << content;
  return path;
}

TEST(AttackCatalogTest, LoadsBundle) {
  const auto catalog = AttackCatalog::from_stix_bundle(fixture("enterprise-attack-small.json"));
  const struct {
    std::string_view id;
    std::string_view name;
  } cases[] = {
      {"T1055", "Process Injection"},
      {"T1055.001", "Dynamic-link Library Injection"},  // a sub-technique's own name
      {"t1055.001", "Dynamic-link Library Injection"},
      {"T1566", "Phishing"},  // capec reference listed first
      {"T1566.001", "Spearphishing Attachment"},
      {"T1059", "Command and Scripting Interpreter"},
      {"T1059.001", "PowerShell"},
      {"T1071", "Application Layer Protocol"},
      {"T1071.001", "Web Protocols"},
      {"T1220", "XSL Script Processing"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.id));
    const auto name = catalog.technique_name(c.id);
    ASSERT_TRUE(name.has_value());
    EXPECT_EQ(*name, c.name);
  }
  EXPECT_EQ(catalog.size(), std::size(cases) - 1);  // t1055.001 is a repeat
}

TEST(AttackCatalogTest, ExcludesRevokedDeprecatedAndOtherObjects) {
  const auto catalog = AttackCatalog::from_stix_bundle(fixture("enterprise-attack-small.json"));
  for (const std::string_view id : {"T1086", "T1064", "M1021", "G0007", "TA0005", "enterprise-attack", "T9999", ""}) {
    SCOPED_TRACE(std::string(id));
    EXPECT_FALSE(catalog.technique_name(id).has_value());
  }
}

TEST(AttackCatalogTest, AddTechnique) {
  AttackCatalog catalog;
  catalog.add_technique("t1499", " Endpoint  Denial of Service ");
  catalog.add_technique("T1499.004", "Application or System Exploitation");
  catalog.add_technique("T1000", "");  // no name, nothing to tag with
  EXPECT_EQ(catalog.size(), 2U);
  EXPECT_EQ(catalog.technique_name("T1499"), "Endpoint Denial of Service");
  EXPECT_EQ(catalog.technique_name("t1499.004"), "Application or System Exploitation");
  EXPECT_FALSE(catalog.technique_name("T1000").has_value());
  catalog.add_technique("T1499", "Endpoint DoS");
  EXPECT_EQ(catalog.technique_name("T1499"), "Endpoint DoS");
  EXPECT_EQ(catalog.size(), 2U);
}

TEST(AttackCatalogTest, Errors) {
  const struct {
    std::string path;
    std::string_view message;
  } cases[] = {
      {"/nonexistent/enterprise-attack.json", "cannot read"},
      {write_temp("attack-truncated.json", R"({"type":"bundle","objects":[{"type":)"), "invalid JSON"},
      {write_temp("attack-no-objects.json", R"({"type":"bundle","id":"bundle--1"})"), "not a STIX bundle"},
      {write_temp("attack-array.json", R"([1,2,3])"), "not a STIX bundle"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.path);
    try {
      (void)AttackCatalog::from_stix_bundle(c.path);
      ADD_FAILURE() << "no AttackError";
    } catch (const AttackError& error) {
      const std::string what = error.what();
      EXPECT_EQ(what.rfind(c.path + ": ", 0), 0U) << what;
      EXPECT_NE(what.find(c.message), std::string::npos) << what;
    }
  }
}

TEST(AttackCatalogTest, SkipsMalformedTechniques) {
  const auto path = write_temp("attack-malformed.json", R"({"type":"bundle","objects":[
    {"type":"attack-pattern","name":"No Id","external_references":[{"source_name":"capec","external_id":"CAPEC-1"}]},
    {"type":"attack-pattern","external_references":[{"source_name":"mitre-attack","external_id":"T1001"}]},
    {"type":"attack-pattern","name":"Data Obfuscation","revoked":"no",
     "external_references":[{"source_name":"mitre-attack","external_id":"T1001"}]},
    "not an object",
    {"type":"attack-pattern","name":"Ingress Tool Transfer","revoked":false,"x_mitre_deprecated":false,
     "external_references":[{"source_name":"mitre-attack","external_id":"T1105"}]}]})");
  const auto catalog = AttackCatalog::from_stix_bundle(path);
  EXPECT_EQ(catalog.size(), 2U);
  EXPECT_EQ(catalog.technique_name("T1001"), "Data Obfuscation");  // a non-boolean flag is not set
  EXPECT_EQ(catalog.technique_name("T1105"), "Ingress Tool Transfer");
}

}  // namespace
}  // namespace tcfeed::indicators
