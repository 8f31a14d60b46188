#include <gtest/gtest.h>

#include <string>

#include "lib/indicators/indicator_type.hpp"

namespace tcfeed::indicators {
namespace {

TEST(IndicatorTypeTest, PlatformNamesRoundTrip) {
  for (const auto type : kAllIndicatorTypes) {
    const auto parsed = parse_indicator_type(type_name(type));
    ASSERT_TRUE(parsed.has_value()) << type_name(type);
    EXPECT_EQ(*parsed, type);
    EXPECT_NE(all_type_names_joined().find(type_name(type)), std::string_view::npos);
  }
}

TEST(IndicatorTypeTest, NamesAndBranches) {
  struct Row {
    IndicatorType type;
    std::string_view name;
    std::string_view branch;
  };
  const Row rows[] = {
      {IndicatorType::Address, "Address", "addresses"},
      {IndicatorType::EmailAddress, "EmailAddress", "emailAddresses"},
      {IndicatorType::File, "File", "files"},
      {IndicatorType::Host, "Host", "hosts"},
      {IndicatorType::URL, "URL", "urls"},
      {IndicatorType::ASN, "ASN", "asns"},
      {IndicatorType::CIDR, "CIDR", "cidrBlocks"},
      {IndicatorType::EmailSubject, "Email Subject", "emailSubjects"},
      {IndicatorType::Hashtag, "Hashtag", "hashtags"},
      {IndicatorType::Mutex, "Mutex", "mutexes"},
      {IndicatorType::RegistryKey, "Registry Key", "registryKeys"},
      {IndicatorType::UserAgent, "User Agent", "userAgents"},
  };
  for (const auto& row : rows) {
    EXPECT_EQ(type_name(row.type), row.name);
    EXPECT_EQ(v2_branch(row.type), row.branch);
  }
  EXPECT_EQ(all_type_names_joined(),
            "Address, EmailAddress, File, Host, URL, ASN, CIDR, Email Subject, Hashtag, Mutex, "
            "Registry Key, User Agent");
}

TEST(IndicatorTypeTest, OnlyExactNames) {
  for (const std::string_view name :
       {"host", "HOST", "EmailSubject", "RegistryKey", "UserAgent", "Url", "Address ", "", "Document", "Signature"}) {
    EXPECT_FALSE(parse_indicator_type(name).has_value()) << "'" << name << "'";
  }
}

}  // namespace
}  // namespace tcfeed::indicators
