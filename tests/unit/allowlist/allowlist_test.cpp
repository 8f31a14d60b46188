#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/indicators/normalize.hpp"
#include "lib/pipeline/stream/allowlist.hpp"

namespace tcfeed::pipeline {
namespace {

using indicators::IndicatorType;

struct MatchCase {
  IndicatorType type;
  std::string_view raw;  // normalized before matching, as the pipeline does
  std::optional<std::string_view> reason;
};

void expect_matches(const Allowlist& allowlist, const std::vector<MatchCase>& cases) {
  std::string normalized;
  for (const MatchCase& c : cases) {
    ASSERT_EQ(indicators::normalize(c.type, c.raw, normalized), indicators::Reject::None) << c.raw;
    EXPECT_EQ(allowlist.match(c.type, normalized), c.reason)
        << indicators::type_name(c.type) << " " << c.raw << " (normalized " << normalized << ")";
  }
}

Allowlist with_entries(const std::vector<std::string_view>& entries) {
  Allowlist allowlist;
  for (std::string_view entry : entries) {
    const auto error = allowlist.add(entry);
    EXPECT_FALSE(error) << entry << ": " << error.value_or("");
  }
  return allowlist;
}

constexpr std::string_view kEntry = "allowlist:entry";
constexpr std::string_view kReserved = "allowlist:reserved-ip-ranges";
constexpr std::string_view kMd5 = "d41d8cd98f00b204e9800998ecf8427e";
constexpr std::string_view kSha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
constexpr std::string_view kSha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

TEST(AllowlistTest, DomainSuffixOnLabelBoundaries) {
  const Allowlist allowlist = with_entries({"example.com", "*.corp.test", ".internal.test"});
  expect_matches(allowlist, {
                                {IndicatorType::Host, "example.com", kEntry},
                                {IndicatorType::Host, "EXAMPLE.com.", kEntry},
                                {IndicatorType::Host, "a.b.example.com", kEntry},
                                {IndicatorType::Host, "notexample.com", std::nullopt},
                                {IndicatorType::Host, "example.com.evil.net", std::nullopt},
                                {IndicatorType::Host, "example.org", std::nullopt},
                                {IndicatorType::Host, "corp.test", kEntry},
                                {IndicatorType::Host, "x.corp.test", kEntry},
                                {IndicatorType::Host, "y.internal.test", kEntry},
                                {IndicatorType::Host, "test.com", std::nullopt},
                            });
}

TEST(AllowlistTest, IdnEntryMatchesALabels) {
  const Allowlist allowlist = with_entries({"Bücher.example"});
  expect_matches(allowlist, {
                                {IndicatorType::Host, "xn--bcher-kva.example", kEntry},
                                {IndicatorType::Host, "shop.BÜCHER.example", kEntry},
                                {IndicatorType::Host, "bucher.example", std::nullopt},
                                {IndicatorType::URL, "https://www.bücher.example/Pfad", kEntry},
                                {IndicatorType::EmailAddress, "info@bücher.example", kEntry},
                            });
}

TEST(AllowlistTest, AddressAndCidrEntries) {
  const Allowlist allowlist = with_entries({"8.8.8.8", "1.1.1.0/24", "2606:4700::/32", "[2001:4860::8888]"});
  expect_matches(allowlist, {
                                {IndicatorType::Address, "8.8.8.8", kEntry},
                                {IndicatorType::Address, "8.8.4.4", std::nullopt},
                                {IndicatorType::Address, "1.1.1.255", kEntry},
                                {IndicatorType::Address, "1.1.2.0", std::nullopt},
                                {IndicatorType::Address, "2606:4700::1111", kEntry},
                                {IndicatorType::Address, "2001:4860::8888", kEntry},
                                {IndicatorType::Address, "::ffff:8.8.8.8", kEntry},
                                {IndicatorType::Address, "10.0.0.1", std::nullopt},  // no builtin added
                                {IndicatorType::CIDR, "1.1.1.128/25", kEntry},
                                {IndicatorType::CIDR, "1.1.0.0/23", std::nullopt},
                                {IndicatorType::CIDR, "8.8.8.8/32", kEntry},
                                {IndicatorType::CIDR, "2606:4700:10::/48", kEntry},
                            });
}

TEST(AllowlistTest, EntriesAreAskedBeforeTheBuiltinList) {
  Allowlist allowlist = with_entries({"10.1.0.0/16"});
  ASSERT_TRUE(allowlist.add_builtin("reserved-ip-ranges"));
  expect_matches(allowlist, {
                                {IndicatorType::Address, "10.1.2.3", kEntry},
                                {IndicatorType::Address, "10.2.0.1", kReserved},
                                {IndicatorType::CIDR, "10.1.0.0/16", kEntry},
                                {IndicatorType::CIDR, "10.0.0.0/8", kReserved},
                                {IndicatorType::CIDR, "10.0.0.0/7", std::nullopt},
                                {IndicatorType::Address, "11.0.0.0", std::nullopt},
                            });
}

TEST(AllowlistTest, UrlHostAndExactUrl) {
  Allowlist allowlist = with_entries({"example.com", "http://evil.test/allowed?x=1", "203.0.113.0/24"});
  ASSERT_TRUE(allowlist.add_builtin("reserved-ip-ranges"));
  expect_matches(allowlist, {
                                {IndicatorType::URL, "http://example.com", kEntry},
                                {IndicatorType::URL, "https://user:pw@cdn.example.com:8443/a?b=c#d", kEntry},
                                {IndicatorType::URL, "http://notexample.com/example.com", std::nullopt},
                                {IndicatorType::URL, "http://example.com.evil.net/", std::nullopt},
                                {IndicatorType::URL, "http://user@example.com@evil.net/", std::nullopt},
                                {IndicatorType::URL, "http://evil.test/allowed?x=1", kEntry},
                                {IndicatorType::URL, "http://evil.test/allowed?x=2", std::nullopt},
                                {IndicatorType::URL, "http://203.0.113.9:8080/x", kEntry},
                                {IndicatorType::URL, "http://192.168.1.1/admin", kReserved},
                                {IndicatorType::URL, "http://[::1]:8080/", kReserved},
                                {IndicatorType::URL, "http://[2001:db8::5]/", kReserved},
                                {IndicatorType::URL, "http://[2606:4700::1111]/", std::nullopt},
                                {IndicatorType::URL, "http://8.8.8.8/", std::nullopt},
                            });
}

TEST(AllowlistTest, EmailExactAndDomain) {
  const Allowlist allowlist = with_entries({"corp.example", "abuse@isp.test"});
  expect_matches(allowlist,
                 {
                     {IndicatorType::EmailAddress, "ceo@corp.example", kEntry},
                     {IndicatorType::EmailAddress, "a@mail.corp.example", kEntry},
                     {IndicatorType::EmailAddress, "a@notcorp.example", std::nullopt},
                     {IndicatorType::EmailAddress, "abuse@isp.test", kEntry},
                     {IndicatorType::EmailAddress, "other@isp.test", std::nullopt},
                     {IndicatorType::Host, "isp.test", std::nullopt},  // an email entry is not a domain entry
                 });
}

TEST(AllowlistTest, FileHashInAnySummary) {
  const Allowlist allowlist = with_entries({kSha1, "D41D8CD98F00B204E9800998ECF8427E"});
  const std::string other_md5 = "0123456789abcdef0123456789abcdef";
  const std::string summary = other_md5 + " : " + std::string(kSha1) + " : " + std::string(kSha256);
  const std::string md5_and_sha256 = std::string(kMd5) + " : " + std::string(kSha256);
  expect_matches(allowlist, {
                                {IndicatorType::File, summary, kEntry},
                                {IndicatorType::File, md5_and_sha256, kEntry},
                                {IndicatorType::File, kMd5, kEntry},
                                {IndicatorType::File, kSha256, std::nullopt},
                                {IndicatorType::File, other_md5, std::nullopt},
                            });
  // A File= summary entry allowlists each of its hashes.
  const Allowlist summary_entry = with_entries({"File=" + std::string(kMd5) + " : " + std::string(kSha256)});
  expect_matches(summary_entry, {
                                    {IndicatorType::File, kSha256, kEntry},
                                    {IndicatorType::File, other_md5 + " : " + std::string(kSha256), kEntry},
                                    {IndicatorType::File, kSha1, std::nullopt},
                                });
}

TEST(AllowlistTest, ExplicitTypedEntriesMatchOnlyTheirType) {
  const Allowlist allowlist =
      with_entries({"Mutex=Global\\abc", "User Agent=Mozilla/5.0 (Windows NT 10.0)", "ASN=AS13335", "Hashtag=#benign",
                    "URL=http://x.test/", "Host=cdn.test", "Email Subject=Your invoice", "Address=192.0.2.1"});
  EXPECT_EQ(allowlist.size(), 8U);
  expect_matches(allowlist, {
                                {IndicatorType::Mutex, "Global\\abc", kEntry},
                                {IndicatorType::Mutex, "Global\\abcd", std::nullopt},
                                {IndicatorType::UserAgent, "Mozilla/5.0 (Windows NT 10.0)", kEntry},
                                {IndicatorType::EmailSubject, "Global\\abc", std::nullopt},
                                {IndicatorType::ASN, "13335", kEntry},
                                {IndicatorType::ASN, "AS13336", std::nullopt},
                                {IndicatorType::Hashtag, "#benign", kEntry},
                                {IndicatorType::URL, "http://x.test/", kEntry},
                                {IndicatorType::URL, "http://x.test/a", std::nullopt},
                                {IndicatorType::Host, "a.cdn.test", kEntry},
                                {IndicatorType::EmailSubject, "Your invoice", kEntry},
                                {IndicatorType::Address, "192.0.2.1", kEntry},
                            });
}

TEST(AllowlistTest, BadEntriesSayWhatWasExpected) {
  struct BadCase {
    std::string_view entry;
    std::string_view expected_text;  // a part of the error
  };
  const std::vector<BadCase> cases = {
      {"", "expected an entry"},
      {"   ", "expected an entry"},
      {"not a domain", "expected an IP address, CIDR range"},
      {"example..com", "expected an IP address, CIDR range"},
      {"10.0.0.0/33", "expected a CIDR range such as 192.0.2.0/24"},
      {"999.1.1.1/8", "expected a CIDR range"},
      {"ftp//x", "expected a CIDR range"},
      {"gopher://x.test/", "expected a URL"},
      {"a@b@c.test", "expected an email address"},
      {"Address=example.com", "expected a Address value after '='"},
      {"CIDR=10.0.0.1", "expected a CIDR value after '='"},
      {"File=abc", "expected a File value after '='"},
      {"Fqdn=example.com", "unknown indicator type \"Fqdn\""},
      {"host=example.com", "unknown indicator type \"host\""},
  };
  for (const BadCase& c : cases) {
    Allowlist allowlist;
    const auto error = allowlist.add(c.entry);
    ASSERT_TRUE(error) << c.entry;
    EXPECT_NE(error->find(c.expected_text), std::string::npos) << c.entry << " → " << *error;
    EXPECT_EQ(allowlist.size(), 0U) << c.entry;
  }
}

class AllowlistFileTest : public ::testing::Test {
 protected:
  std::string write(std::string_view content) {
    std::ofstream(path_, std::ios::binary) << content;
    return path_.string();
  }
  void TearDown() override { std::filesystem::remove(path_); }

  std::filesystem::path path_ =
      std::filesystem::temp_directory_path() / ("tcfeed-allowlist-" + std::to_string(::getpid()) + ".txt");
};

TEST_F(AllowlistFileTest, CommentsBlankLinesAndEntries) {
  Allowlist allowlist;
  allowlist.add_file(
      write("\xEF\xBB\xBF# benign infrastructure\n"
            "\n"
            "   \t\n"
            "example.com   # our own domain\r\n"
            "192.0.2.0/24\t# documentation\n"
            "http://x.test/page#section\n"
            "Mutex=Global\\abc # trailing comment\n"
            "  # indented comment\n"
            "d41d8cd98f00b204e9800998ecf8427e"));
  EXPECT_EQ(allowlist.size(), 5U);
  expect_matches(allowlist, {
                                {IndicatorType::Host, "www.example.com", kEntry},
                                {IndicatorType::Address, "192.0.2.10", kEntry},
                                {IndicatorType::URL, "http://x.test/page#section", kEntry},
                                {IndicatorType::Mutex, "Global\\abc", kEntry},
                                {IndicatorType::File, kMd5, kEntry},
                            });
}

TEST_F(AllowlistFileTest, BadLineNamesFileAndLine) {
  Allowlist allowlist;
  const std::string path = write("# header\nexample.com\n\nnot a domain\nexample.org\n");
  try {
    allowlist.add_file(path);
    FAIL() << "no error for line 4";
  } catch (const AllowlistError& error) {
    const std::string text = error.what();
    EXPECT_EQ(text.rfind(path + ":4: expected an IP address", 0), 0U) << text;
  }
}

TEST_F(AllowlistFileTest, UnreadableFile) {
  Allowlist allowlist;
  EXPECT_THROW(allowlist.add_file(path_.string() + ".missing"), AllowlistError);
  EXPECT_THROW(allowlist.add_file(std::filesystem::temp_directory_path().string()), AllowlistError);
  try {
    allowlist.add_file("/nonexistent/allowlist.txt");
    FAIL() << "no error for a missing file";
  } catch (const AllowlistError& error) {
    EXPECT_EQ(std::string(error.what()).rfind("/nonexistent/allowlist.txt: ", 0), 0U) << error.what();
  }
}

}  // namespace
}  // namespace tcfeed::pipeline
