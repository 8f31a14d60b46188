// The STIX pattern reader: what maps, and every form that must be refused with its reason rather
// than read as something the producer did not say.
#include "connectors/taxii/stix_pattern.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tcfeed::connectors::taxii {
namespace {

using indicators::IndicatorType;
using pipeline::Unmapped;

std::vector<PatternValue> values(std::string_view pattern) {
  const StixPattern read = read_stix_pattern(pattern);
  EXPECT_FALSE(read.unsupported) << pattern << ": " << pipeline::unmapped_code(*read.unsupported);
  return read.values;
}

Unmapped refused(std::string_view pattern, const PatternLimits& limits = {}) {
  const StixPattern read = read_stix_pattern(pattern, limits);
  EXPECT_TRUE(read.values.empty()) << pattern;
  if (!read.unsupported) {
    ADD_FAILURE() << pattern << " was read as supported";
    return Unmapped::Malformed;
  }
  return *read.unsupported;
}

TEST(StixPattern, ASingleComparisonOfEachSupportedPath) {
  EXPECT_EQ(values("[ipv4-addr:value = '198.51.100.7']"),
            (std::vector<PatternValue>{{IndicatorType::Address, "198.51.100.7"}}));
  EXPECT_EQ(values("[ipv6-addr:value = '2001:db8::1']"),
            (std::vector<PatternValue>{{IndicatorType::Address, "2001:db8::1"}}));
  EXPECT_EQ(values("[domain-name:value = 'evil.example']"),
            (std::vector<PatternValue>{{IndicatorType::Host, "evil.example"}}));
  EXPECT_EQ(values("[url:value = 'http://evil.example/a?b=c']"),
            (std::vector<PatternValue>{{IndicatorType::URL, "http://evil.example/a?b=c"}}));
  EXPECT_EQ(values("[email-addr:value = 'bad@evil.example']"),
            (std::vector<PatternValue>{{IndicatorType::EmailAddress, "bad@evil.example"}}));
}

TEST(StixPattern, CidrValuesOfAddressObjectsAreCidr) {
  EXPECT_EQ(values("[ipv4-addr:value = '223.166.0.0/15']"),
            (std::vector<PatternValue>{{IndicatorType::CIDR, "223.166.0.0/15"}}));
  EXPECT_EQ(values("[ipv6-addr:value = '2001:db8::/32']"),
            (std::vector<PatternValue>{{IndicatorType::CIDR, "2001:db8::/32"}}));
}

TEST(StixPattern, FileHashesQuotedUnquotedAndInEitherCase) {
  const std::string md5 = "d41d8cd98f00b204e9800998ecf8427e";
  for (const std::string path :
       {"file:hashes.'MD5'", "file:hashes.MD5", "file:hashes.md5", "file:hashes.'SHA-1'", "file:hashes.SHA1",
        "file:hashes.'SHA-256'", "file:hashes.SHA256", "file:hashes.'sha-256'"}) {
    EXPECT_EQ(values("[" + path + " = '" + md5 + "']"), (std::vector<PatternValue>{{IndicatorType::File, md5}}))
        << path;
  }
}

TEST(StixPattern, OrWithinOneObservationAndAcrossObservations) {
  const std::vector<PatternValue> expected = {{IndicatorType::Address, "192.0.2.1"},
                                              {IndicatorType::Host, "evil.example"}};
  EXPECT_EQ(values("[ipv4-addr:value = '192.0.2.1' OR domain-name:value = 'evil.example']"), expected);
  EXPECT_EQ(values("[ipv4-addr:value = '192.0.2.1'] OR [domain-name:value = 'evil.example']"), expected);
  EXPECT_EQ(values("([ipv4-addr:value = '192.0.2.1']) OR ([domain-name:value = 'evil.example'])"), expected);
  EXPECT_EQ(values("[(ipv4-addr:value = '192.0.2.1' OR (domain-name:value = 'evil.example'))]"), expected);
  EXPECT_EQ(values("  [ipv4-addr:value=='192.0.2.1']\n OR\t[domain-name:value = 'evil.example'] "), expected);
  EXPECT_EQ(values("/* two */ [ipv4-addr:value = '192.0.2.1'] // the host\n OR [domain-name:value = 'evil.example']"),
            expected);
}

TEST(StixPattern, ARepeatedValueIsOneIndicator) {
  EXPECT_EQ(values("[url:value = 'http://a.example/'] OR [url:value = 'http://a.example/']"),
            (std::vector<PatternValue>{{IndicatorType::URL, "http://a.example/"}}));
}

TEST(StixPattern, StringEscapesAreUndone) {
  EXPECT_EQ(values(R"([url:value = 'http://a.example/it\'s'])"),
            (std::vector<PatternValue>{{IndicatorType::URL, "http://a.example/it's"}}));
  EXPECT_EQ(values(R"([url:value = 'http://a.example/back\\slash'])"),
            (std::vector<PatternValue>{{IndicatorType::URL, R"(http://a.example/back\slash)"}}));
  // Only \' and \\ are escapes in a STIX string literal.
  EXPECT_EQ(refused(R"([url:value = 'http://a.example/\n'])"), Unmapped::PatternSyntax);
}

TEST(StixPattern, AndAnywhereIsRefused) {
  EXPECT_EQ(refused("[ipv4-addr:value = '192.0.2.1' AND domain-name:value = 'evil.example']"), Unmapped::PatternAnd);
  EXPECT_EQ(refused("[ipv4-addr:value = '192.0.2.1'] AND [domain-name:value = 'evil.example']"), Unmapped::PatternAnd);
  EXPECT_EQ(refused("[ipv4-addr:value = '192.0.2.1'] OR ([url:value = 'http://a/'] AND [url:value = 'http://b/'])"),
            Unmapped::PatternAnd);
  EXPECT_EQ(refused("[(url:value = 'http://a/' OR url:value = 'http://b/') AND url:value = 'http://c/']"),
            Unmapped::PatternAnd);
}

TEST(StixPattern, FollowedByAndQualifiersAreRefused) {
  EXPECT_EQ(refused("[url:value = 'http://a/'] FOLLOWEDBY [url:value = 'http://b/']"), Unmapped::PatternFollowedBy);
  EXPECT_EQ(refused("[url:value = 'http://a/'] WITHIN 300 SECONDS"), Unmapped::PatternQualifier);
  EXPECT_EQ(refused("[url:value = 'http://a/'] REPEATS 5 TIMES"), Unmapped::PatternQualifier);
  EXPECT_EQ(refused("[url:value = 'http://a/'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'"),
            Unmapped::PatternQualifier);
  EXPECT_EQ(refused("([url:value = 'http://a/'] OR [url:value = 'http://b/']) WITHIN 2.5 SECONDS"),
            Unmapped::PatternQualifier);
}

TEST(StixPattern, OperatorsOtherThanEqualityAreRefused) {
  for (const char* pattern : {
           "[ipv4-addr:value != '192.0.2.1']",
           "[ipv4-addr:value <> '192.0.2.1']",
           "[ipv4-addr:value NOT = '192.0.2.1']",
           "[ipv4-addr:value ISSUBSET '192.0.2.0/24']",
           "[ipv4-addr:value ISSUPERSET '192.0.2.0/24']",
           "[domain-name:value LIKE '%.evil.example']",
           "[url:value MATCHES '^http://.*']",
           "[ipv4-addr:value IN ('192.0.2.1', '192.0.2.2')]",
           "[file:size > 1024]",
           "[file:size <= 1024]",
           "[EXISTS file:name]",
       }) {
    const Unmapped reason = refused(pattern);
    // file:size and file:name are not mapped paths either: the path is read first.
    EXPECT_TRUE(reason == Unmapped::PatternOperator || reason == Unmapped::PatternObject)
        << pattern << ": " << pipeline::unmapped_code(reason);
  }
  EXPECT_EQ(refused("[ipv4-addr:value != '192.0.2.1']"), Unmapped::PatternOperator);
  EXPECT_EQ(refused("[EXISTS url:value]"), Unmapped::PatternOperator);
}

TEST(StixPattern, OtherObjectPathsAreRefused) {
  for (const char* pattern : {
           "[file:name = 'evil.exe']",
           "[file:hashes.'SHA-512' = 'abc']",
           "[file:hashes.SSDEEP = '3:a:b']",
           "[network-traffic:dst_ref.value = '192.0.2.1']",
           "[email-message:from_ref.value = 'bad@evil.example']",
           "[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\Foo']",
           "[x-custom:value = 'anything']",
           "[ipv4-addr:resolves_to_refs[*].value = '00:11:22:33:44:55']",
           "[url:value.x = 'http://a/']",
           "[IPV4-ADDR:value = '192.0.2.1']",
           "[ipv4-addr:'value' .more = '192.0.2.1']",
       }) {
    EXPECT_EQ(refused(pattern), Unmapped::PatternObject) << pattern;
  }
}

TEST(StixPattern, NonStringLiteralsAreRefused) {
  for (const char* pattern :
       {"[ipv4-addr:value = 3221225985]", "[url:value = true]", "[url:value = -1]", "[url:value = 1.5]",
        "[url:value = h'ff00']", "[url:value = b'aGk=']", "[url:value = t'2016-06-01T00:00:00Z']"}) {
    EXPECT_EQ(refused(pattern), Unmapped::PatternLiteral) << pattern;
  }
}

TEST(StixPattern, TheFirstUnsupportedConstructInReadingOrderIsTheReason) {
  EXPECT_EQ(refused("[file:name = 'a' AND url:value LIKE 'b'] FOLLOWEDBY [url:value = 'c']"), Unmapped::PatternObject);
  EXPECT_EQ(refused("[url:value LIKE 'b'] FOLLOWEDBY [url:value = 'c']"), Unmapped::PatternOperator);
  EXPECT_EQ(refused("[url:value = 'c'] FOLLOWEDBY [url:value LIKE 'b']"), Unmapped::PatternFollowedBy);
}

TEST(StixPattern, WhatIsNotAPatternIsASyntaxProblem) {
  for (const char* pattern : {
           "",
           "   ",
           "ipv4-addr:value = '192.0.2.1'",
           "[ipv4-addr:value = '192.0.2.1'",
           "[ipv4-addr:value = '192.0.2.1']]",
           "[ipv4-addr:value = '192.0.2.1]",
           "[ipv4-addr:value '192.0.2.1']",
           "[ipv4-addr = '192.0.2.1']",
           "[]",
           "[ipv4-addr:value = '192.0.2.1'] OR",
           "[ipv4-addr:value = '192.0.2.1'] or [url:value = 'http://a/']",
           "[ipv4-addr:value = '192.0.2.1'] OR OR [url:value = 'http://a/']",
           "[ipv4-addr:value = '192.0.2.1'] [url:value = 'http://a/']",
           "[url:value = 'a'] WITHIN SECONDS",
           "[url:value = 'a'] /* never closed",
           "[url:value = 'a'] AND [url:value = 'b' AND]",  // a syntax error wins over the AND before it
           "{\"pattern\": 1}",
           "[url:value = 'a'\x01]",
       }) {
    EXPECT_EQ(refused(pattern), Unmapped::PatternSyntax) << pattern;
  }
}

TEST(StixPattern, BoundsEndTheReadingWithoutAnswerOrCrash) {
  PatternLimits limits;
  limits.max_bytes = 40;
  EXPECT_EQ(refused("[url:value = 'http://a.example/a-path-long-enough']", limits), Unmapped::PatternTooLarge);

  std::string deep(200, '(');
  deep += "[url:value = 'a']";
  deep += std::string(200, ')');
  EXPECT_EQ(refused(deep), Unmapped::PatternTooLarge);
  std::string deep_inside = "[" + std::string(200, '(') + "url:value = 'a'" + std::string(200, ')') + "]";
  EXPECT_EQ(refused(deep_inside), Unmapped::PatternTooLarge);

  // Far deeper than any stack could take by recursion: the bound stops it first.
  const std::string abyss(1 << 20, '(');
  PatternLimits big;
  big.max_bytes = abyss.size();
  EXPECT_EQ(refused(abyss, big), Unmapped::PatternTooLarge);

  std::string many = "[url:value = 'http://0/'";
  for (int i = 1; i < 600; ++i) many += " OR url:value = 'http://" + std::to_string(i) + "/'";
  many += "]";
  EXPECT_EQ(refused(many), Unmapped::PatternTooLarge);
  PatternLimits enough;
  enough.max_comparisons = 600;
  EXPECT_EQ(read_stix_pattern(many, enough).values.size(), 600u);
}

}  // namespace
}  // namespace tcfeed::connectors::taxii
