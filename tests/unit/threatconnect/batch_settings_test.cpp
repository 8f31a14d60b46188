#include "lib/threatconnect/batch_settings.hpp"

#include <gtest/gtest.h>
#include <simdjson.h>

#include "lib/threatconnect/indicator_json.hpp"

namespace tcfeed::threatconnect {
namespace {

TEST(BatchSettings, SafeDefaultsAndExplicitOwner) {
  BatchSettings settings;
  settings.owner = "Demo Organization";
  EXPECT_EQ(settings_json(settings),
            R"({"version":"V2","owner":"Demo Organization","action":"Create","haltOnError":false,)"
            R"("attributeWriteType":"Singleton","tagWriteType":"Append","securityLabelWriteType":"Append"})");
}

TEST(IndicatorJson, WritesEveryFieldAsValidJson) {
  const std::vector<std::string_view> tags{"elf", "mirai"};
  const std::vector<std::string_view> labels{"TLP:CLEAR"};
  const std::vector<std::pair<std::string_view, std::string_view>> attributes{
      {"Source", "https://urlhaus.abuse.ch/url/1/"}};
  IndicatorItem item;
  item.type = indicators::IndicatorType::URL;
  item.summary = "http://a.example/x\"y";
  item.rating = 3;
  item.confidence = 60;
  item.tags = tags;
  item.security_labels = labels;
  item.attributes = attributes;
  std::string document(kDocumentOpen);
  append_indicator_json(document, item);
  document += kDocumentClose;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ASSERT_FALSE(parser.parse(document).get(root)) << document;
  auto parsed = root["indicator"].at(0);
  EXPECT_EQ(std::string_view(parsed["type"]), "URL");
  EXPECT_EQ(std::string_view(parsed["summary"]), "http://a.example/x\"y");
  EXPECT_EQ(int64_t(parsed["rating"]), 3);
  EXPECT_EQ(int64_t(parsed["confidence"]), 60);
  EXPECT_EQ(std::string_view(parsed["tag"].at(1)["name"]), "mirai");
  EXPECT_EQ(std::string_view(parsed["securityLabel"].at(0)["name"]), "TLP:CLEAR");
  EXPECT_EQ(std::string_view(parsed["attribute"].at(0)["type"]), "Source");
  EXPECT_TRUE(parsed["active"].error());  // unset: the platform's flag stays as it is
}

TEST(IndicatorJson, ADeactivationChangesOnlyActive) {
  IndicatorItem item;
  item.type = indicators::IndicatorType::Host;
  item.summary = "gone.example";
  item.active = false;
  std::string out;
  append_indicator_json(out, item);
  // No rating or confidence: what analysts set on the platform stays.
  EXPECT_EQ(out, R"({"type":"Host","summary":"gone.example","active":false})");
}

TEST(IndicatorJson, AReactivationSaysActiveTrue) {
  IndicatorItem item;
  item.type = indicators::IndicatorType::Host;
  item.summary = "back.example";
  item.rating = 2;
  item.active = true;
  std::string out;
  append_indicator_json(out, item);
  EXPECT_EQ(out, R"({"type":"Host","summary":"back.example","rating":2,"active":true})");
}

}  // namespace
}  // namespace tcfeed::threatconnect
