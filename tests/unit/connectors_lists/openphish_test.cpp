// The openphish connector, reader and mapper over the fixture (file://), against golden candidate
// lists: a URL a line, the host only when asked, a cut last line not sent.
#include "connectors/openphish/openphish_connector.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "connectors/builtin_connectors.hpp"
#include "connectors/openphish/openphish_reader.hpp"
#include "lib/pipeline/source/source_fetch.hpp"
#include "tests/unit/connectors_abusech/fixtures.hpp"
#include "tests/unit/feeds/recording_sink.hpp"

namespace tcfeed::connectors::openphish {
namespace {

using testing_support::connector_config;
using testing_support::fixture_path;
using testing_support::RecordingSink;

struct Poll {
  pipeline::PollResult result;
  std::vector<std::string> lines;
};

Poll poll(HostAs host_as) {
  OpenphishSettings settings;
  settings.location.url = "file://" + fixture_path("openphish", "feed.txt");
  settings.host_as = host_as;
  RecordingSink sink;
  auto connector = make_openphish_connector(settings);
  EXPECT_TRUE(connector->full_list());
  Poll out{connector->poll({}, sink), {}};
  out.lines = std::move(sink.lines);
  return out;
}

struct Read {
  ReadResult result;
  std::vector<std::string> lines;
};

Read read(const std::string& text, HostAs host_as = HostAs::None) {
  RecordingSink sink;
  OpenphishMapOptions options;
  options.host_as = host_as;
  Read out{read_openphish(std::make_unique<pipeline::StringSource>(text), options, sink), {}};
  out.lines = std::move(sink.lines);
  return out;
}

TEST(OpenphishConnector, AUrlALineAsAFullList) {
  const Poll polled = poll(HostAs::None);
  EXPECT_EQ(polled.lines, testing_support::golden("openphish", "feed.expected"));
  EXPECT_EQ(polled.result.records, 6u);
  EXPECT_TRUE(polled.result.full_list);
  EXPECT_EQ(polled.result.next.position, "");
  EXPECT_FALSE(polled.result.expires_unix);
}

TEST(OpenphishConnector, HostAsHostAddsEachUrlsHostToItsRecord) {
  const Poll polled = poll(HostAs::Host);
  EXPECT_EQ(polled.lines, testing_support::golden("openphish", "feed_host.expected"));
  EXPECT_EQ(polled.result.records, 6u);  // a URL and its host are one record
}

TEST(OpenphishReader, BlankLinesCommentsAndMalformedLines) {
  const Read lines = read(
      "\xEF\xBB\xBFhttps://a.example-phish.com/x\r\n"
      "\n"
      "   \n"
      "# a comment\n"
      "  https://b.example-phish.com/y  \n"
      "https://c.example-phish.com/ https://d.example-phish.com/\n"  // two URLs run together
      "https://e.example-phish.com/\x01z\n"
      "https://f.example-phish.com/login.ph");  // no newline at the end: cut off there
  EXPECT_EQ(lines.result.records, 5u);
  EXPECT_EQ(lines.lines, (std::vector<std::string>{
                             "URL\thttps://a.example-phish.com/x\t\tattr=Source:https://openphish.com/",
                             "URL\thttps://b.example-phish.com/y\t\tattr=Source:https://openphish.com/",
                             "unmapped\tmalformed_row",
                             "unmapped\tmalformed_row",
                             "unmapped\tmalformed_row",
                         }));
  // A last line that is only blank was not cut: nothing to count.
  EXPECT_EQ(read("https://a.example-phish.com/x\n  ").lines.size(), 1u);
}

TEST(OpenphishReader, AnOversizedLineIsCountedNotHeld) {
  const Read lines =
      read("https://a.example-phish.com/" + std::string(kMaxLineBytes, 'x') + "\nhttps://b.example-phish.com/\n");
  EXPECT_EQ(lines.result.records, 2u);
  EXPECT_EQ(lines.lines, (std::vector<std::string>{
                             "unmapped\toversized_record",
                             "URL\thttps://b.example-phish.com/\t\tattr=Source:https://openphish.com/",
                         }));
}

TEST(OpenphishConnectorType, RegisteredWithItsKeys) {
  const auto* type = pipeline::builtin_connectors().find("openphish");
  ASSERT_NE(type, nullptr);
  std::vector<std::string> names;
  for (const auto& key : type->keys) names.push_back(key.name);
  std::vector<std::string> expected = {"url",
                                       "ca_file",
                                       "tls_client_cert",
                                       "tls_client_key_file",
                                       "tls_client_key_env",
                                       "tls_client_key_credential",
                                       "max_bytes",
                                       "fetch_timeout",
                                       "fetch_min_rate",
                                       "fetch_min_rate_window",
                                       "host_as"};
  for (const auto& key : pipeline::source_access_keys()) expected.push_back(key.name);
  EXPECT_EQ(names, expected);
  EXPECT_EQ(type->stripped_tags, (std::vector<std::string>{"OpenPhish", "openphish"}));

  const config::Config global;
  const auto& registry = pipeline::builtin_connectors();
  auto create = [&](const std::string& yaml) { return registry.create(connector_config("openphish", yaml), global); };
  EXPECT_TRUE(create("url: https://openphish.com/feed.txt\nhost_as: host\n")->full_list());
  EXPECT_THROW(create("url: https://openphish.com/feed.txt\nhost_as: domain\n"), config::ConfigError);
  // A full list says what left it on every poll: expire_after is refused.
  auto expiring = connector_config("openphish", "url: https://openphish.com/feed.txt\n");
  expiring.expire_after = std::chrono::hours(24 * 7);
  EXPECT_THROW(registry.create(expiring, global), config::ConfigError);
}

}  // namespace
}  // namespace tcfeed::connectors::openphish
