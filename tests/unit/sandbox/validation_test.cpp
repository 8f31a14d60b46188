#include "tests/sandbox/validation.hpp"

#include <gtest/gtest.h>

#include <string>

namespace tcfeed::sandbox {
namespace {

bool accepted(IndicatorKind kind, std::string_view value) { return !validate_summary(kind, value); }

TEST(SandboxValidation, Host) {
  EXPECT_TRUE(accepted(IndicatorKind::kHost, "badguyz.com"));
  EXPECT_TRUE(accepted(IndicatorKind::kHost, "xn--bcher-kva.example"));
  EXPECT_FALSE(accepted(IndicatorKind::kHost, "BadGuyz.com"));
  EXPECT_FALSE(accepted(IndicatorKind::kHost, "bücher.example"));
  EXPECT_FALSE(accepted(IndicatorKind::kHost, "a..b"));
  // Hyphens at a label's ends, as browsers accept them (docs/hosts.md); '_' stays refused.
  EXPECT_TRUE(accepted(IndicatorKind::kHost, "-foo.evil.com"));
  EXPECT_TRUE(accepted(IndicatorKind::kHost, "a-.b-.example"));
  EXPECT_FALSE(accepted(IndicatorKind::kHost, "b_c.example"));
  EXPECT_FALSE(accepted(IndicatorKind::kHost, "a=b.example"));
  EXPECT_FALSE(accepted(IndicatorKind::kHost, "a b.example"));
  EXPECT_FALSE(accepted(IndicatorKind::kHost, std::string(64, 'a') + ".example"));
  EXPECT_FALSE(accepted(IndicatorKind::kHost, ""));
}

TEST(SandboxValidation, Url) {
  EXPECT_TRUE(accepted(IndicatorKind::kUrl, "http://evil.example/Path?Q=1"));
  EXPECT_TRUE(accepted(IndicatorKind::kUrl, "https://user@evil.example:8443/x"));
  EXPECT_FALSE(accepted(IndicatorKind::kUrl, "evil.example/x"));
  EXPECT_FALSE(accepted(IndicatorKind::kUrl, "http://Evil.example/x"));
  EXPECT_FALSE(accepted(IndicatorKind::kUrl, "http://bücher.example/"));
  EXPECT_FALSE(accepted(IndicatorKind::kUrl, "http:///path"));
}

TEST(SandboxValidation, AddressAndCidr) {
  EXPECT_TRUE(accepted(IndicatorKind::kAddress, "192.0.2.1"));
  EXPECT_TRUE(accepted(IndicatorKind::kAddress, "2001:db8::1"));
  EXPECT_FALSE(accepted(IndicatorKind::kAddress, "256.1.1.1"));
  EXPECT_FALSE(accepted(IndicatorKind::kAddress, "example.com"));
  EXPECT_TRUE(accepted(IndicatorKind::kCidr, "10.0.0.0/8"));
  EXPECT_TRUE(accepted(IndicatorKind::kCidr, "abc:def:10:0:0:0:0:0/48"));
  EXPECT_FALSE(accepted(IndicatorKind::kCidr, "abc:def::/48"));
  EXPECT_FALSE(accepted(IndicatorKind::kCidr, "abc:0def:10:0:0:0:0:0/48"));
  EXPECT_FALSE(accepted(IndicatorKind::kCidr, "10.0.0.0/33"));
  EXPECT_FALSE(accepted(IndicatorKind::kCidr, "10.0.0.0"));
}

TEST(SandboxValidation, FileAsnRegistryEmail) {
  EXPECT_TRUE(accepted(IndicatorKind::kFile, "d41d8cd98f00b204e9800998ecf8427e"));
  EXPECT_TRUE(accepted(IndicatorKind::kFile,
                       "d41d8cd98f00b204e9800998ecf8427e : "
                       "da39a3ee5e6b4b0d3255bfef95601890afd80709"));
  EXPECT_FALSE(accepted(IndicatorKind::kFile, "d41d8cd98f00b204e9800998ecf8427"));
  EXPECT_FALSE(accepted(IndicatorKind::kFile, "zz1d8cd98f00b204e9800998ecf8427e"));
  EXPECT_FALSE(accepted(IndicatorKind::kFile, "d41d8cd98f00b204e9800998ecf8427e : d41d8cd98f00b204e9800998ecf8427e"));
  EXPECT_TRUE(accepted(IndicatorKind::kAsn, "ASN12345"));
  EXPECT_FALSE(accepted(IndicatorKind::kAsn, "AS12345"));
  EXPECT_FALSE(accepted(IndicatorKind::kAsn, "12345"));
  EXPECT_FALSE(accepted(IndicatorKind::kAsn, "ASN 12345"));
  EXPECT_TRUE(accepted(IndicatorKind::kRegistryKey, "HKEY_LOCAL_MACHINE\\Software\\x : Val : REG_SZ"));
  EXPECT_TRUE(accepted(IndicatorKind::kRegistryKey, "HKEY_USERS\\x :   : REG_DWORD"));
  EXPECT_FALSE(accepted(IndicatorKind::kRegistryKey, "HKLM\\Software : Val : REG_SZ"));
  EXPECT_FALSE(accepted(IndicatorKind::kRegistryKey, "HKEY_USERS\\x : Val : STRING"));
  EXPECT_TRUE(accepted(IndicatorKind::kEmailAddress, "bad@example.com"));
  EXPECT_FALSE(accepted(IndicatorKind::kEmailAddress, "bad.example.com"));
  EXPECT_TRUE(accepted(IndicatorKind::kMutex, "Global\\m"));
}

TEST(SandboxValidation, RatingConfidenceTags) {
  EXPECT_FALSE(validate_rating(0));
  EXPECT_FALSE(validate_rating(4.5));
  EXPECT_TRUE(validate_rating(5.01));
  EXPECT_TRUE(validate_rating(-1));
  EXPECT_FALSE(validate_confidence(100));
  EXPECT_TRUE(validate_confidence(50.5));
  EXPECT_TRUE(validate_confidence(101));
  EXPECT_FALSE(validate_tag(std::string(128, 't')));
  EXPECT_TRUE(validate_tag(std::string(129, 't')));
  EXPECT_TRUE(validate_tag(""));
}

TEST(SandboxValidation, TypesTable) {
  ASSERT_EQ(indicator_types().size(), 12u);
  ASSERT_NE(find_type_by_name("Registry Key"), nullptr);
  EXPECT_EQ(find_type_by_name("Registry Key")->branch, "registryKeys");
  EXPECT_EQ(find_type_by_branch("cidrBlocks")->entity, "cidrBlock");
  EXPECT_EQ(find_type_by_name("Document"), nullptr);
}

}  // namespace
}  // namespace tcfeed::sandbox
