// The plain path of append_indicator_json() against the general one (JsonWriter): the same bytes
// for every item it takes, and a refusal, with the buffer untouched, for every item whose strings
// need escaping — hostile bytes included.
#include "lib/threatconnect/plain_indicator_json.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lib/core/json_writer.hpp"
#include "lib/threatconnect/indicator_json.hpp"

namespace tcfeed::threatconnect {
namespace {

using namespace std::string_view_literals;

// An item with its own storage, so tests can build many.
struct OwnedItem {
  indicators::IndicatorType type = indicators::IndicatorType::URL;
  std::string summary;
  std::optional<int> rating;
  std::optional<int> confidence;
  std::optional<bool> active;
  std::vector<std::string> tags;
  std::vector<std::string> labels;
  std::vector<std::pair<std::string, std::string>> attributes;

  // Views into this object: valid while it lives unchanged.
  struct Views {
    std::vector<std::string_view> tags;
    std::vector<std::string_view> labels;
    std::vector<std::pair<std::string_view, std::string_view>> attributes;
    IndicatorItem item;
  };
  Views views() const {
    Views views;
    for (const auto& tag : tags) views.tags.emplace_back(tag);
    for (const auto& label : labels) views.labels.emplace_back(label);
    for (const auto& [type_name, value] : attributes) views.attributes.emplace_back(type_name, value);
    views.item.type = type;
    views.item.summary = summary;
    views.item.rating = rating;
    views.item.confidence = confidence;
    views.item.active = active;
    views.item.tags = views.tags;
    views.item.security_labels = views.labels;
    views.item.attributes = views.attributes;
    return views;
  }
  bool all_verbatim() const {
    bool verbatim = JsonWriter::is_verbatim(summary);
    for (const auto& tag : tags) verbatim = verbatim && JsonWriter::is_verbatim(tag);
    for (const auto& label : labels) verbatim = verbatim && JsonWriter::is_verbatim(label);
    for (const auto& [type_name, value] : attributes) {
      verbatim = verbatim && JsonWriter::is_verbatim(type_name) && JsonWriter::is_verbatim(value);
    }
    return verbatim;
  }
};

// Checks one item: the dispatching writer equals the general path; the plain path writes the
// same bytes or refuses (exactly when a string needs escaping) without touching the buffer.
void expect_same_bytes(const OwnedItem& owned) {
  const auto views = owned.views();
  const std::string prefix = R"({"indicator":[)";
  std::string general = prefix;
  append_indicator_json_escaped(general, views.item);
  std::string dispatched = prefix;
  append_indicator_json(dispatched, views.item);
  EXPECT_EQ(dispatched, general);
  std::string plain = prefix;
  const bool written = append_plain_indicator_json(plain, views.item);
  EXPECT_EQ(written, owned.all_verbatim()) << general;
  EXPECT_EQ(plain, written ? general : prefix);
}

OwnedItem typical_url() {
  OwnedItem item;
  item.summary = "http://xaqhyoprhlh.shop/anrudfux/Mozi.m";
  item.rating = 3;
  item.confidence = 50;
  item.tags = {"malware_download", "elf", "mirai"};
  item.attributes = {{"Source", "https://urlhaus.abuse.ch/url/4499999/"}};
  return item;
}

TEST(PlainIndicatorJson, TheTypicalUrlItemExactly) {
  const OwnedItem owned = typical_url();
  const auto views = owned.views();
  std::string out;
  ASSERT_TRUE(append_plain_indicator_json(out, views.item));
  EXPECT_EQ(out, R"({"type":"URL","summary":"http://xaqhyoprhlh.shop/anrudfux/Mozi.m","rating":3,"confidence":50,)"
                 R"("tag":[{"name":"malware_download"},{"name":"elf"},{"name":"mirai"}],)"
                 R"("attribute":[{"type":"Source","value":"https://urlhaus.abuse.ch/url/4499999/"}]})");
  expect_same_bytes(owned);
}

TEST(PlainIndicatorJson, EveryOptionalPartPresentOrAbsent) {
  for (int mask = 0; mask < 64; ++mask) {
    OwnedItem item = typical_url();
    item.type = indicators::IndicatorType::EmailSubject;  // a type name with a space
    if ((mask & 1) == 0) item.rating.reset();
    if ((mask & 2) == 0) item.confidence.reset();
    if ((mask & 4) != 0) item.active = (mask & 8) != 0;
    if ((mask & 16) == 0) item.tags.clear();
    if ((mask & 32) != 0) item.labels = {"TLP:AMBER", "Internal"};
    if (mask % 3 == 0) item.attributes.push_back({"Description", "second"});
    if (mask % 5 == 0) item.attributes.clear();
    expect_same_bytes(item);
  }
}

TEST(PlainIndicatorJson, NumbersAsJsonWriterWritesThem) {
  for (const int number : {0, 5, 100, -1, -2147483647 - 1, 2147483647}) {
    OwnedItem item = typical_url();
    item.rating = number;
    // The opposite sign too, where it exists: -INT_MIN does not.
    item.confidence = number == std::numeric_limits<int>::min() ? std::numeric_limits<int>::max() : -number;
    expect_same_bytes(item);
  }
}

TEST(PlainIndicatorJson, EmptyStringsAreVerbatim) {
  OwnedItem item;
  item.tags = {""};
  item.labels = {""};
  item.attributes = {{"", ""}};
  expect_same_bytes(item);
}

// Bytes a feed may send that must not reach the document raw: each, in each string of the item,
// at the start, in the middle and past the 16 bytes the verbatim scan takes at once.
TEST(PlainIndicatorJson, HostileBytesTakeTheGeneralPath) {
  const std::string_view hostile[] = {"\""sv,       "\\"sv,       "\0"sv,           "\x01"sv,
                                      "\n"sv,       "\r"sv,       "\t"sv,           "\x1f"sv,
                                      "\x7f"sv,     "\x80"sv,     "\xff"sv,         "\xc3"sv,
                                      "\xc3\x28"sv, "\xc0\xaf"sv, "\xed\xa0\x80"sv, "\xf4\x90\x80\x80"sv,
                                      "\xe2\x82"sv, "\xc3\xbc"sv, "\xe2\x80\xa7"sv, "\xf0\x9f\x98\x80"sv,
                                      "\x1b[31m"sv, "\xc2\x85"sv, "\xef\xbb\xbf"sv};
  const std::string_view places[] = {"", "abc", "0123456789abcdefghij"};
  for (const std::string_view bytes : hostile) {
    for (const std::string_view before : places) {
      const std::string text = std::string(before) + std::string(bytes) + "tail";
      for (int slot = 0; slot < 5; ++slot) {
        OwnedItem item = typical_url();
        item.labels = {"TLP:CLEAR"};
        switch (slot) {
          case 0: item.summary = text; break;
          case 1: item.tags[1] = text; break;
          case 2: item.labels[0] = text; break;
          case 3: item.attributes[0].first = text; break;
          case 4: item.attributes[0].second = text; break;
        }
        SCOPED_TRACE(testing::Message() << "slot " << slot << " text " << testing::PrintToString(text));
        EXPECT_FALSE(item.all_verbatim());
        expect_same_bytes(item);
      }
    }
  }
}

// Many items of random strings: most of verbatim bytes, some with any byte value at all: both
// paths agree on all of them.
TEST(PlainIndicatorJson, RandomItemsAgreeWithTheGeneralPath) {
  std::mt19937 random(20261206);
  const auto random_string = [&] {
    std::string text;
    const std::size_t length = random() % 40;
    const bool any_byte = random() % 100 < 15;
    for (std::size_t i = 0; i < length; ++i) {
      char c = static_cast<char>(random() % 256);
      if (!any_byte) {
        c = static_cast<char>(0x20 + random() % 0x5F);
        if (c == '"' || c == '\\') c = 'x';
      }
      text += c;
    }
    return text;
  };
  std::size_t plain_items = 0;
  for (int n = 0; n < 20000; ++n) {
    OwnedItem item;
    item.type = indicators::kAllIndicatorTypes[random() % indicators::kAllIndicatorTypes.size()];
    item.summary = random_string();
    if (random() % 2) item.rating = static_cast<int>(random() % 7) - 1;
    if (random() % 2) item.confidence = static_cast<int>(random() % 120);
    if (random() % 4 == 0) item.active = random() % 2 == 0;
    for (std::size_t i = random() % 4; i > 0; --i) item.tags.push_back(random_string());
    for (std::size_t i = random() % 3; i > 0; --i) item.labels.push_back(random_string());
    for (std::size_t i = random() % 3; i > 0; --i) item.attributes.emplace_back(random_string(), random_string());
    if (item.all_verbatim()) ++plain_items;
    expect_same_bytes(item);
  }
  EXPECT_GT(plain_items, 1000u);  // both paths were exercised
}

}  // namespace
}  // namespace tcfeed::threatconnect
