#include "lib/pipeline/format/json_records.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::pipeline {
namespace {

struct Read {
  std::vector<std::pair<std::string, std::string>> records;  // key, minified element
  JsonStats stats;
  JsonForm form = JsonForm::Auto;
};

Read read_all(std::string text, JsonOptions options = {}) {
  StringSource source(std::move(text));
  JsonRecords reader(source, options);
  Read out;
  reader.read([&](std::string_view key, simdjson::dom::element element) {
    out.records.emplace_back(std::string(key), simdjson::minify(element));
  });
  out.stats = reader.stats();
  out.form = reader.form();
  return out;
}

using Records = std::vector<std::pair<std::string, std::string>>;

TEST(JsonRecords, Lines) {
  const auto read = read_all("{\"a\":1}\n\n{\"a\":2}\r\n  {\"a\":3}");
  EXPECT_EQ(read.form, JsonForm::Lines);
  EXPECT_EQ(read.records, (Records{{"", "{\"a\":1}"}, {"", "{\"a\":2}"}, {"", "{\"a\":3}"}}));
}

TEST(JsonRecords, ABrokenLineIsCountedAndTheRestRead) {
  const auto read = read_all("{\"a\":1}\n{\"a\":\n{\"a\":3}\n");
  EXPECT_EQ(read.records.size(), 2u);
  EXPECT_EQ(read.stats.malformed, 1u);
}

TEST(JsonRecords, TopLevelArray) {
  const auto read = read_all(" [ {\"ip\":\"192.0.2.1\",\"s\":\"a]b,\\\"c\"}, {\"ip\":\"192.0.2.2\"} , 7, \"x\" ] ");
  EXPECT_EQ(read.form, JsonForm::Array);
  EXPECT_EQ(read.records, (Records{{"", "{\"ip\":\"192.0.2.1\",\"s\":\"a]b,\\\"c\"}"},
                                   {"", "{\"ip\":\"192.0.2.2\"}"},
                                   {"", "7"},
                                   {"", "\"x\""}}));
}

TEST(JsonRecords, ObjectKeyedById) {
  const auto read = read_all(
      "{\n \"10\": [{\"url\":\"http://a/\"}],\n \"11\": [{\"url\":\"http://b/\"},{\"url\":\"http://c/\"}],\n"
      " \"12\": {\"url\":\"http://d/\"}\n}\n");
  EXPECT_EQ(read.form, JsonForm::KeyedObject);
  EXPECT_EQ(read.records, (Records{{"10", "{\"url\":\"http://a/\"}"},
                                   {"11", "{\"url\":\"http://b/\"}"},
                                   {"11", "{\"url\":\"http://c/\"}"},
                                   {"12", "{\"url\":\"http://d/\"}"}}));
}

TEST(JsonRecords, ALoneFlatObjectIsOneRecord) {
  const auto read = read_all("{\"url\":\"http://a/\",\"id\":4}\n");
  EXPECT_EQ(read.form, JsonForm::Lines);
  EXPECT_EQ(read.records.size(), 1u);
}

TEST(JsonRecords, ALargeKeyedDumpIsDetectedWithoutHoldingIt) {
  std::string text = "{";
  for (int i = 0; i < 200; ++i)
    text += (i ? ",\"" : "\"") + std::to_string(i) + "\":[{\"url\":\"http://x/" + std::to_string(i) + "\"}]";
  text += "}";
  JsonOptions options;
  options.max_record_bytes = 256;
  options.chunk_bytes = 100;
  const auto read = read_all(text, options);
  EXPECT_EQ(read.form, JsonForm::KeyedObject);
  ASSERT_EQ(read.records.size(), 200u);
  EXPECT_EQ(read.records.back(), (std::pair<std::string, std::string>{"199", "{\"url\":\"http://x/199\"}"}));
}

TEST(JsonRecords, OversizedElementIsCountedAndSkipped) {
  JsonOptions options;
  options.max_record_bytes = 64;
  const auto read = read_all("[{\"a\":\"" + std::string(1000, 'x') + "\"},{\"b\":1}]", options);
  EXPECT_EQ(read.records, (Records{{"", "{\"b\":1}"}}));
  EXPECT_EQ(read.stats.oversized, 1u);
  const auto lines = read_all("{\"a\":\"" + std::string(1000, 'x') + "\"}\n{\"b\":1}\n", options);
  EXPECT_EQ(lines.records, (Records{{"", "{\"b\":1}"}}));
  EXPECT_EQ(lines.stats.oversized, 1u);
}

TEST(JsonRecords, DepthBombIsCountedAndSkipped) {
  const std::string bomb = std::string(100000, '[') + std::string(100000, ']');
  JsonOptions options;
  options.max_record_bytes = 1 << 20;
  const auto read = read_all("[" + bomb + ",{\"ok\":true}]", options);
  EXPECT_EQ(read.records, (Records{{"", "{\"ok\":true}"}}));
  EXPECT_EQ(read.stats.too_deep, 1u);
  const auto keyed = read_all("{\"1\":" + bomb + ",\"2\":[{\"ok\":true}]}", options);
  EXPECT_EQ(keyed.records, (Records{{"2", "{\"ok\":true}"}}));
  EXPECT_EQ(keyed.stats.too_deep, 1u);
  options.form = JsonForm::Lines;  // Auto would take a leading '[' for an array
  const auto lines = read_all(bomb + "\n{\"ok\":true}\n", options);
  EXPECT_EQ(lines.records.size(), 1u);
  EXPECT_EQ(lines.stats.too_deep, 1u);
}

// An API's envelope holds every record in one array member: one element 100,000 deep (or too
// large, or refused by the parser) used to take the whole member, and every valid record, with
// it. Each element is now read on its own.
TEST(JsonRecords, OneBadElementOfAnArrayMemberCostsOnlyItself) {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "{\"a\":";
  deep += "1" + std::string(100000, '}');
  JsonOptions options;
  options.max_record_bytes = 1 << 20;
  options.form = JsonForm::KeyedObject;
  const std::string big = "{\"id\":\"" + std::string(2 << 20, 'x') + "\"}";
  for (std::size_t chunk : {7, 4096, 65536}) {
    options.chunk_bytes = chunk;
    const auto read = read_all("{\"query_status\":\"ok\",\"data\":[ {\"id\":\"1\"}, " + deep + " , {\"id\":tru}, " +
                                   big + ", \"s\", {\"id\":\"3\"} ]}",
                               options);
    EXPECT_EQ(
        read.records,
        (Records{
            {"query_status", "\"ok\""}, {"data", "{\"id\":\"1\"}"}, {"data", "\"s\""}, {"data", "{\"id\":\"3\"}"}}))
        << chunk;
    EXPECT_EQ(read.stats.too_deep, 1u) << chunk;
    EXPECT_EQ(read.stats.malformed, 1u) << chunk;
    EXPECT_EQ(read.stats.oversized, 1u) << chunk;
  }
  const auto empty = read_all("{\"data\":[ ],\"more\":[]}", options);
  EXPECT_TRUE(empty.records.empty());
  EXPECT_THROW(read_all("{\"data\":[{\"id\":1} {\"id\":2}]}", options), SourceError);
}

TEST(JsonRecords, TruncatedDocumentIsAnError) {
  EXPECT_THROW(read_all("[{\"a\":1},{\"a\":"), SourceError);
  JsonOptions keyed;
  keyed.form = JsonForm::KeyedObject;
  EXPECT_THROW(read_all("{\"1\":[{\"a\":1}]", keyed), SourceError);
  EXPECT_THROW(read_all("[{\"a\":1} {\"a\":2}]"), SourceError);
}

TEST(JsonRecords, EmptyInputHasNoRecords) {
  EXPECT_TRUE(read_all("").records.empty());
  EXPECT_TRUE(read_all(" \n").records.empty());
  EXPECT_TRUE(read_all("[]").records.empty());
  EXPECT_TRUE(read_all("{}").records.empty());
}

TEST(JsonRecords, EveryChunkSizeGivesTheSameRecords) {
  const std::string keyed = "{\"1\":[{\"t\":[\"a\",\"b\\\"]\"]}],\"2\":[{\"n\":null}], \"3\" : [ 1 , 2 ] }";
  const std::string array = "[1, {\"x\":[true,false]}, \"s,]\", null]";
  for (const auto& text : {keyed, array}) {
    const auto expected = read_all(text).records;
    ASSERT_FALSE(expected.empty());
    for (std::size_t chunk = 1; chunk < 9; ++chunk) {
      JsonOptions options;
      options.chunk_bytes = chunk;
      options.form = text == keyed ? JsonForm::KeyedObject : JsonForm::Array;
      EXPECT_EQ(read_all(text, options).records, expected) << text << " chunk " << chunk;
    }
  }
}

}  // namespace
}  // namespace tcfeed::pipeline
