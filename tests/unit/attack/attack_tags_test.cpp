#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "lib/indicators/attack_tags.hpp"
#include "lib/indicators/tags.hpp"

namespace tcfeed::indicators {
namespace {

using Outcome = AttackTagResult::Outcome;

const AttackCatalog& fixture_catalog() {
  static const AttackCatalog catalog = [] {
    const char* source_dir = std::getenv("TCFEED_SOURCE_DIR");
    const std::filesystem::path root = source_dir != nullptr
                                           ? std::filesystem::path(source_dir)
                                           : std::filesystem::path(__FILE__).parent_path() / "../../..";
    return AttackCatalog::from_stix_bundle((root / "tests/fixtures/attack/enterprise-attack-small.json").string());
  }();
  return catalog;
}

TEST(TacticAbbreviationTest, Table) {
  const struct {
    std::string_view tactic;
    std::optional<std::string_view> abbreviation;
  } cases[] = {
      {"initial-access", "INI"},
      {"execution", "EXE"},
      {"persistence", "PER"},
      {"privilege-escalation", "PRI"},
      {"defense-evasion", "DEF"},
      {"credential-access", "CRA"},
      {"discovery", "DIS"},
      {"lateral-movement", "LAT"},
      {"collection", "COL"},
      {"command-and-control", "C&C"},
      {"exfiltration", "EXF"},
      {"impact", "IMP"},
      {"not determined", "NDT"},
      {"Defense Evasion", "DEF"},  // display name
      {"Command and Control", "C&C"},
      {" Initial Access ", "INI"},
      {"TA0005", "DEF"},  // tactic id
      {"ta0011", "C&C"},
      {"attack.defense_evasion", "DEF"},  // Sigma, old and new spelling
      {"attack.command-and-control", "C&C"},
      {"mitre-attack:lateral-movement", "LAT"},
      {"reconnaissance", std::nullopt},  // no abbreviation in the sources
      {"resource-development", std::nullopt},
      {"Resource Development", std::nullopt},
      {"defense evasion!", std::nullopt},
      {"evasion", std::nullopt},
      {"", std::nullopt},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.tactic));
    EXPECT_EQ(tactic_abbreviation(c.tactic), c.abbreviation);
  }
}

TEST(ParseTechniqueIdTest, Table) {
  const struct {
    std::string_view reference;
    std::optional<std::string> id;
  } cases[] = {
      {"T1566", "T1566"},
      {"t1055.001", "T1055.001"},
      {"Phishing - T1566", "T1566"},  // MISP galaxy
      {"Spearphishing Attachment - T1566.001", "T1566.001"},
      {"attack.t1059.001", "T1059.001"},  // Sigma
      {"attack.t1059", "T1059"},
      {"T1566 - Phishing", "T1566"},
      {"  T1071.001 ", "T1071.001"},
      {"uses T1059.", "T1059"},  // sentence end, not a sub-technique
      {"(T1055)", "T1055"},
      {"T1055 - Process Injection - DEF - ENT - ATT&CK", "T1055"},
      {"T1055 and again T1055", "T1055"},
      {"T1055 and T1566", std::nullopt},  // which one was meant?
      {"T155", std::nullopt},
      {"T15660", std::nullopt},
      {"T1566.01", std::nullopt},
      {"T1566.0011", std::nullopt},
      {"T1566x", std::nullopt},
      {"ST1566", std::nullopt},
      {"TA0005", std::nullopt},  // a tactic, not a technique
      {"Phishing", std::nullopt},
      {"", std::nullopt},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.reference));
    EXPECT_EQ(parse_technique_id(c.reference), c.id);
  }
}

struct TagCase {
  std::optional<std::string_view> technique;
  std::optional<std::string_view> tactic;
  AttackTagFormat format;
  std::optional<std::string> tag;
  Outcome outcome;
};

TEST(AttackTagTest, Table) {
  constexpr auto kLegacy = AttackTagFormat::Legacy;
  constexpr auto kPlatform = AttackTagFormat::Platform;
  const TagCase cases[] = {
      {"T1055", "defense-evasion", kLegacy, "T1055 - Process Injection - DEF - ENT - ATT&CK", Outcome::Tag},
      {"T1055", "Privilege Escalation", kLegacy, "T1055 - Process Injection - PRI - ENT - ATT&CK", Outcome::Tag},
      {"T1055", std::nullopt, kLegacy, "T1055 - Process Injection - NDT - ENT - ATT&CK", Outcome::Tag},
      {"T1055", "no-such-tactic", kLegacy, "T1055 - Process Injection - NDT - ENT - ATT&CK", Outcome::Tag},
      {"T1566", "reconnaissance", kLegacy, "T1566 - Phishing - NDT - ENT - ATT&CK", Outcome::Tag},
      {"t1059.001", "execution", kLegacy, "T1059.001 - PowerShell - EXE - ENT - ATT&CK", Outcome::Tag},
      {"Phishing - T1566", "initial-access", kLegacy, "T1566 - Phishing - INI - ENT - ATT&CK", Outcome::Tag},
      {"attack.t1071.001", "command-and-control", kLegacy, "T1071.001 - Web Protocols - C&C - ENT - ATT&CK",
       Outcome::Tag},
      {"T1566", "initial-access", kPlatform, "T1566 - Phishing", Outcome::Tag},
      {"T1566.001", std::nullopt, kPlatform, "T1566.001 - Phishing: Spearphishing Attachment", Outcome::Tag},
      {"T1055.001", "defense-evasion", kPlatform, "T1055.001 - Process Injection: Dynamic-link Library Injection",
       Outcome::Tag},
      {std::nullopt, "defense-evasion", kLegacy, "Defense-Evasion", Outcome::Tag},
      {std::nullopt, "Command and Control", kLegacy, "Command-and-Control", Outcome::Tag},
      {std::nullopt, "resource-development", kLegacy, "Resource-Development", Outcome::Tag},
      {"not a technique", "TA0001", kLegacy, "Initial-Access", Outcome::Tag},
      {std::nullopt, "defense-evasion", kPlatform, std::nullopt, Outcome::NoTechnique},
      {std::nullopt, "no-such-tactic", kLegacy, std::nullopt, Outcome::NoTechnique},
      {std::nullopt, std::nullopt, kLegacy, std::nullopt, Outcome::NoTechnique},
      {std::nullopt, std::nullopt, kPlatform, std::nullopt, Outcome::NoTechnique},
      {"T9999", "defense-evasion", kLegacy, std::nullopt, Outcome::UnknownTechnique},
      {"T9999", std::nullopt, kPlatform, std::nullopt, Outcome::UnknownTechnique},
      {"T1086", "execution", kLegacy, std::nullopt, Outcome::UnknownTechnique},   // revoked
      {"T1064", std::nullopt, kLegacy, std::nullopt, Outcome::UnknownTechnique},  // deprecated
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.technique.value_or("-")) + " / " + std::string(c.tactic.value_or("-")) +
                 (c.format == kLegacy ? " / legacy" : " / platform"));
    const auto result = attack_tag(fixture_catalog(), c.technique, c.tactic, c.format);
    EXPECT_EQ(result.tag, c.tag);
    EXPECT_EQ(result.outcome, c.outcome);
  }
}

TEST(AttackTagTest, SubTechniqueWithoutParentIsUnknownOnPlatform) {
  AttackCatalog catalog;
  catalog.add_technique("T1499.004", "Application or System Exploitation");
  EXPECT_EQ(attack_tag(catalog, "T1499.004", std::nullopt, AttackTagFormat::Platform).outcome,
            Outcome::UnknownTechnique);
  EXPECT_EQ(attack_tag(catalog, "T1499.004", "impact", AttackTagFormat::Legacy).tag,
            "T1499.004 - Application or System Exploitation - IMP - ENT - ATT&CK");
}

TEST(AttackTagTest, LongNamesAreCutKeepingIdAndSuffix) {
  AttackCatalog catalog;
  std::string long_name;
  while (long_name.size() < 120) long_name += "Über ";  // 'Ü' is two bytes
  catalog.add_technique("T1000", long_name);
  catalog.add_technique("T1000.001", long_name);
  for (const auto format : {AttackTagFormat::Legacy, AttackTagFormat::Platform}) {
    const auto result = attack_tag(catalog, "T1000.001", "impact", format);
    ASSERT_TRUE(result.tag.has_value());
    const std::string& tag = *result.tag;
    SCOPED_TRACE(tag);
    EXPECT_LE(tag.size(), kMaxTagLength);
    EXPECT_GE(tag.size(), kMaxTagLength - 5);
    EXPECT_EQ(tag.rfind("T1000.001 - Über", 0), 0U);
    EXPECT_EQ(clean_tag(tag), tag);  // valid UTF-8, no trailing space
    if (format == AttackTagFormat::Legacy) {
      EXPECT_TRUE(tag.ends_with(" - IMP - ENT - ATT&CK"));
    }
  }
}

}  // namespace
}  // namespace tcfeed::indicators
