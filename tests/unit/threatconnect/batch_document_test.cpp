#include "lib/threatconnect/batch_document.hpp"

#include <gtest/gtest.h>
#include <simdjson.h>

namespace tcfeed::threatconnect {
namespace {

indicators::Indicator url(std::string value) {
  indicators::Indicator indicator;
  indicator.type = indicators::IndicatorType::URL;
  indicator.value = std::move(value);
  indicator.tags = {"elf", "mirai"};
  indicator.security_labels = {"TLP:CLEAR"};
  return indicator;
}

TEST(BatchSettings, SafeDefaultsAndExplicitOwner) {
  BatchSettings settings;
  settings.owner = "Demo Organization";
  EXPECT_EQ(settings_json(settings),
            R"({"version":"V2","owner":"Demo Organization","action":"Create","haltOnError":false,)"
            R"("attributeWriteType":"Singleton","tagWriteType":"Append","securityLabelWriteType":"Append"})");
}

TEST(BatchDocumentBuilder, WritesValidJsonWithEveryField) {
  BatchDocumentBuilder builder(10, 100'000);
  auto indicator = url("http://a.example/x\"y");
  indicator.rating = 3;
  indicator.confidence = 60;
  indicator.attributes = {{"Source", "https://urlhaus.abuse.ch/url/1/"}};
  ASSERT_TRUE(builder.add(indicator));
  const std::string document = builder.take();
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ASSERT_FALSE(parser.parse(document).get(root)) << document;
  auto item = root["indicator"].at(0);
  EXPECT_EQ(std::string_view(item["type"]), "URL");
  EXPECT_EQ(std::string_view(item["summary"]), "http://a.example/x\"y");
  EXPECT_EQ(int64_t(item["rating"]), 3);
  EXPECT_EQ(int64_t(item["confidence"]), 60);
  EXPECT_EQ(std::string_view(item["tag"].at(1)["name"]), "mirai");
  EXPECT_EQ(std::string_view(item["securityLabel"].at(0)["name"]), "TLP:CLEAR");
  EXPECT_EQ(std::string_view(item["attribute"].at(0)["type"]), "Source");
}

TEST(BatchDocumentBuilder, StopsAtTheIndicatorLimit) {
  BatchDocumentBuilder builder(2, 100'000);
  EXPECT_TRUE(builder.add(url("http://a.example/1")));
  EXPECT_TRUE(builder.add(url("http://a.example/2")));
  EXPECT_FALSE(builder.add(url("http://a.example/3")));
  EXPECT_FALSE(builder.oversized());
  EXPECT_EQ(builder.count(), 2u);
  builder.take();
  EXPECT_TRUE(builder.empty());
  EXPECT_TRUE(builder.add(url("http://a.example/3")));
}

TEST(BatchDocumentBuilder, NeverPassesTheByteLimit) {
  const std::size_t limit = 1000;
  BatchDocumentBuilder builder(5000, limit);
  std::size_t added = 0;
  while (builder.add(url("http://example.com/" + std::to_string(added)))) ++added;
  EXPECT_GT(added, 3u);
  EXPECT_LE(builder.take().size(), limit);
}

TEST(BatchDocumentBuilder, ReportsAnIndicatorTooLargeOnItsOwn) {
  BatchDocumentBuilder builder(5000, 200);
  EXPECT_FALSE(builder.add(url("http://example.com/" + std::string(300, 'a'))));
  EXPECT_TRUE(builder.oversized());
}

}  // namespace
}  // namespace tcfeed::threatconnect
