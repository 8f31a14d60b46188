#include "lib/pipeline/stream/warninglists.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "lib/pipeline/stream/builtin_warninglists.hpp"

namespace tcfeed::pipeline {
namespace {

using indicators::IndicatorType;

std::string id_of(const WarninglistInfo* hit) { return hit == nullptr ? "(none)" : hit->id; }

MispWarninglist list_of(WarninglistKind kind, std::vector<std::string> entries,
                        std::vector<std::string> attributes = {}) {
  MispWarninglist list;
  list.name = "test";
  list.kind = kind;
  list.entries = std::move(entries);
  list.matching_attributes = std::move(attributes);
  return list;
}

std::string write_file(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::path(::testing::TempDir()) / name;
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path) << text;
  return path.string();
}

TEST(Warninglists, TheBuiltInListsHoldTheIssuesValues) {
  Warninglists lists;
  for (const auto name : Warninglists::builtin_names()) ASSERT_TRUE(lists.add_builtin(name));
  EXPECT_FALSE(lists.add_builtin("top-1m"));
  EXPECT_EQ(id_of(lists.match(IndicatorType::Address, "8.8.8.8")), "public-dns-resolvers");
  EXPECT_EQ(id_of(lists.match(IndicatorType::Address, "2606:4700:4700::1111")), "public-dns-resolvers");
  EXPECT_EQ(id_of(lists.match(IndicatorType::CIDR, "8.8.8.8/32")), "public-dns-resolvers");
  EXPECT_EQ(id_of(lists.match(IndicatorType::CIDR, "8.8.8.0/24")), "(none)");  // a range beyond them
  EXPECT_EQ(id_of(lists.match(IndicatorType::Address, "8.8.8.7")), "(none)");
  EXPECT_EQ(id_of(lists.match(IndicatorType::File, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")),
            "empty-file-hashes");
  EXPECT_EQ(id_of(lists.match(IndicatorType::File,
                              "0123456789abcdef0123456789abcdef : "
                              "da39a3ee5e6b4b0d3255bfef95601890afd80709")),
            "empty-file-hashes");
  EXPECT_EQ(id_of(lists.match(IndicatorType::Host, "dns.google")), "public-dns-resolver-hosts");
  EXPECT_EQ(id_of(lists.match(IndicatorType::Host, "mozilla.cloudflare-dns.com")), "public-dns-resolver-hosts");
  EXPECT_EQ(id_of(lists.match(IndicatorType::Host, "notdns.google")), "(none)");
  // The host list is for Host indicators: a URL on it is not asked (nor paid for).
  EXPECT_EQ(id_of(lists.match(IndicatorType::URL, "https://dns.google/resolve")), "(none)");
  // Every built-in entry is in effect: a typo in the table would leave a value unlisted.
  for (const auto& info : lists.lists()) EXPECT_EQ(info.unusable, 0u) << info.id;
  EXPECT_EQ(lists.lists().size(), builtin_warninglists().size());
}

TEST(Warninglists, MatchingAttributesDecideTheTypesAListAppliesTo) {
  Warninglists lists;
  lists.add("hosts-and-urls", list_of(WarninglistKind::Hostname, {"*.Example.COM"}, {"hostname", "url"}));
  lists.add("emails", list_of(WarninglistKind::String, {"Abuse@Example.net"}, {"email-src"}));
  lists.add("anything", list_of(WarninglistKind::String, {"Global\\benign"}));
  EXPECT_EQ(id_of(lists.match(IndicatorType::Host, "a.example.com")), "hosts-and-urls");
  EXPECT_EQ(id_of(lists.match(IndicatorType::URL, "http://b.example.com/x")), "hosts-and-urls");
  EXPECT_EQ(id_of(lists.match(IndicatorType::EmailAddress, "x@example.com")), "(none)");
  // Normalized as the email type is: the domain lower-cased, the local part kept.
  EXPECT_EQ(id_of(lists.match(IndicatorType::EmailAddress, "Abuse@example.net")), "emails");
  EXPECT_EQ(id_of(lists.match(IndicatorType::Mutex, "Global\\benign")), "anything");
  EXPECT_EQ(id_of(lists.match(IndicatorType::Host, "example.net")), "(none)");
}

TEST(Warninglists, CidrSubstringAndAListForNoTypeTcfeedSends) {
  Warninglists lists;
  lists.add("cloud", list_of(WarninglistKind::Cidr, {"203.0.113.0/24", "2001:db8::1", "not an address"}));
  lists.add("sub", list_of(WarninglistKind::Substring, {"GoogleUserContent"}, {"url"}));
  lists.add("vulns", list_of(WarninglistKind::String, {"CVE-2021-44228"}, {"vulnerability"}));
  EXPECT_EQ(id_of(lists.match(IndicatorType::Address, "203.0.113.9")), "cloud");
  EXPECT_EQ(id_of(lists.match(IndicatorType::Address, "2001:db8::1")), "cloud");
  EXPECT_EQ(id_of(lists.match(IndicatorType::CIDR, "203.0.113.128/25")), "cloud");
  EXPECT_EQ(id_of(lists.match(IndicatorType::URL, "https://x.googleusercontent.com/a")), "sub");
  EXPECT_EQ(id_of(lists.match(IndicatorType::Host, "x.googleusercontent.com")), "(none)");
  EXPECT_EQ(lists.lists()[0].entries, 2u);
  EXPECT_EQ(lists.lists()[0].unusable, 1u);
  EXPECT_EQ(lists.lists()[2].types, 0u);
}

TEST(Warninglists, ADroppingListWinsOverATaggingOne) {
  Warninglists lists;
  lists.add("a", list_of(WarninglistKind::String, {"1.2.3.4"}, {"ip-dst"}));
  lists.add("b", list_of(WarninglistKind::Cidr, {"1.2.3.0/24"}));
  ASSERT_TRUE(lists.set_tag_only("a"));
  EXPECT_FALSE(lists.set_tag_only("c"));
  const auto* hit = lists.match(IndicatorType::Address, "1.2.3.4");
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->id, "b");
  EXPECT_EQ(hit->action, WarninglistAction::Drop);
  EXPECT_EQ(hit->reason, "warninglist:b");
  ASSERT_TRUE(lists.set_tag_only("b"));
  EXPECT_EQ(lists.match(IndicatorType::Address, "1.2.3.4")->action, WarninglistAction::Tag);
  EXPECT_THROW(lists.add("a", list_of(WarninglistKind::String, {"x"})), WarninglistError);
}

TEST(MispWarninglist, ReadsTheFormatAndNamesTheListByItsFolder) {
  const auto path = write_file("lists/public-dns-v4/list.json", R"({
    "description": "Event contains one or more public IPv4 DNS resolvers as attribute with an IDS flag set",
    "list": ["8.8.8.8", "9.9.9.9"],
    "matching_attributes": ["ip-src", "ip-dst", "domain|ip"],
    "name": "List of known IPv4 public DNS resolvers",
    "type": "cidr",
    "version": 20260101
  })");
  const auto list = read_misp_warninglist(path);
  EXPECT_EQ(list.name, "List of known IPv4 public DNS resolvers");
  EXPECT_EQ(list.kind, WarninglistKind::Cidr);
  EXPECT_EQ(list.entries, (std::vector<std::string>{"8.8.8.8", "9.9.9.9"}));
  EXPECT_EQ(list.matching_attributes.size(), 3u);
  EXPECT_EQ(warninglist_id(path), "public-dns-v4");
  EXPECT_EQ(warninglist_id("/etc/tcfeed/my-cdn.json"), "my-cdn");
  // No type: MISP's default, an exact string.
  EXPECT_EQ(read_misp_warninglist(write_file("plain.json", R"({"name":"n","list":["a"]})")).kind,
            WarninglistKind::String);
}

TEST(MispWarninglist, RefusesWhatItCannotApplyAsMispWould) {
  const auto error_of = [](const std::string& name, const std::string& text) {
    const auto path = write_file(name, text);
    try {
      read_misp_warninglist(path);
    } catch (const WarninglistError& error) {
      const std::string message = error.what();
      EXPECT_EQ(message.rfind(path + ": ", 0), 0u) << message;  // names the file
      return message.substr(path.size() + 2);
    }
    return std::string("(read)");
  };
  EXPECT_EQ(error_of("regex.json", R"({"name":"n","type":"regex","list":["^a"]})"),
            "type 'regex' is not supported; expected string, substring, hostname or cidr");
  EXPECT_EQ(error_of("noname.json", R"({"list":["a"]})"), "expected a MISP warninglist with a 'name' string");
  EXPECT_EQ(error_of("nolist.json", R"({"name":"n"})"), "expected a MISP warninglist with a 'list' array");
  EXPECT_EQ(error_of("number.json", R"({"name":"n","list":["a", 7]})"),
            "expected every element of 'list' to be a string");
  EXPECT_EQ(error_of("array.json", R"(["a"])"), "expected a JSON object (a MISP warninglist)");
  EXPECT_NE(error_of("broken.json", R"({"name":)").find("not valid JSON"), std::string::npos);
  EXPECT_THROW(read_misp_warninglist(::testing::TempDir() + "absent.json"), WarninglistError);
}

}  // namespace
}  // namespace tcfeed::pipeline
