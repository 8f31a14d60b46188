// JsonWalker (lib/pipeline/format/json_walker.hpp): what it enters, captures and skips, in order,
// whatever the chunks; broken, empty and truncated documents are errors; captured values over the
// size or depth bound are refused and their siblings still read; the spool file it is used with.
#include "lib/pipeline/format/json_walker.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lib/pipeline/source/source_fetch.hpp"
#include "lib/pipeline/source/spool_file.hpp"

namespace tcfeed::pipeline {
namespace {

// Enters every object and array up to `enter_depth` and captures the values below; writes what
// happens as lines "capture <parent>/<key>: <json>", "refuse <parent>/<key>: <why>", "close <id>".
class Recorder final : public JsonWalker::Handler {
 public:
  explicit Recorder(int enter_depth) : enter_depth_(enter_depth) {}
  JsonVisit visit(int parent, std::string_view key, char first, int& id) override {
    if (key == "skip") return JsonVisit::Skip;
    if (parent < enter_depth_ && (first == '{' || first == '[')) {
      id = parent + 1;
      return JsonVisit::Enter;
    }
    return JsonVisit::Capture;
  }
  void captured(int parent, std::string_view key, simdjson::dom::element value) override {
    lines.push_back("capture " + std::to_string(parent) + "/" + std::string(key) + ": " + simdjson::minify(value));
  }
  void refused(int parent, std::string_view key, JsonRefusal why) override {
    const char* text = why == JsonRefusal::Oversized ? "oversized"
                       : why == JsonRefusal::TooDeep ? "too deep"
                                                     : "malformed";
    lines.push_back("refuse " + std::to_string(parent) + "/" + std::string(key) + ": " + text);
  }
  void closed(int id) override { lines.push_back("close " + std::to_string(id)); }
  std::vector<std::string> lines;

 private:
  int enter_depth_;
};

// Hands over `step` bytes at a time.
class Steps final : public ByteSource {
 public:
  Steps(std::string data, std::size_t step) : data_(std::move(data)), step_(step) {}
  std::size_t read(char* buffer, std::size_t size) override {
    const std::size_t count = std::min({size, step_, data_.size() - offset_});
    data_.copy(buffer, count, offset_);
    offset_ += count;
    return count;
  }

 private:
  std::string data_;
  std::size_t step_;
  std::size_t offset_ = 0;
};

std::vector<std::string> walk(const std::string& json, int enter_depth, JsonWalkOptions options = {},
                              std::size_t step = 1 << 16) {
  Steps source(json, step);
  JsonWalker walker(source, options);
  Recorder recorder(enter_depth);
  walker.walk(recorder);
  return recorder.lines;
}

TEST(JsonWalker, EntersCapturesAndSkipsInDocumentOrder) {
  const std::string json = R"( {"a":[1,{"b":"x\"y"},[true,null]],"skip":{"deep":[[[]]]},"k\"ey":-25,"c":{}} )";
  const std::vector<std::string> expected{"capture 2/: 1", "capture 2/: {\"b\":\"x\\\"y\"}", "capture 2/: [true,null]",
                                          "close 2",       "capture 1/k\\\"ey: -25",         "close 2",
                                          "close 1"};
  EXPECT_EQ(walk(json, 2), expected);
  for (std::size_t step = 1; step < 8; ++step) EXPECT_EQ(walk(json, 2, {}, step), expected) << step;
}

TEST(JsonWalker, ARootScalarIsOneValue) { EXPECT_EQ(walk(" 42 ", 0), (std::vector<std::string>{"capture 0/: 42"})); }

TEST(JsonWalker, OversizedTooDeepAndMalformedValuesAreRefusedAndTheirSiblingsRead) {
  JsonWalkOptions options;
  options.max_record_bytes = 16;
  options.max_depth = 8;
  EXPECT_EQ(walk(R"([")" + std::string(40, 'x') + R"(",[[[[[[[[[1]]]]]]]]],{"a":tru},2])", 1, options),
            (std::vector<std::string>{"refuse 1/: oversized", "refuse 1/: too deep", "refuse 1/: malformed",
                                      "capture 1/: 2", "close 1"}));
}

TEST(JsonWalker, BrokenEmptyAndTruncatedDocumentsAreErrors) {
  for (const std::string json : {"", " \n", "[1,]", "{\"a\" 1}", "{\"a\":1,}", "[1] [2]", "{1:2}", "[1 2]", "}"}) {
    EXPECT_THROW(walk(json, 3), SourceError) << json;
  }
  for (const std::string json : {"[", "{\"a\":[1,2", "{\"a\":\"unterminated", "[{\"b\":{\"c\":[1]}", "{\"ke"}) {
    try {
      walk(json, 3);
      ADD_FAILURE() << json;
    } catch (const SourceError& error) {
      EXPECT_NE(std::string(error.what()).find("truncated"), std::string::npos) << error.what();
    }
  }
}

TEST(JsonWalker, StopsAtMaxBytes) {
  JsonWalkOptions options;
  options.max_bytes = 100;
  options.chunk_bytes = 16;
  Steps source("[" + std::string(200, ' ') + "1]", 1 << 16);
  JsonWalker walker(source, options);
  Recorder recorder(1);
  EXPECT_FALSE(walker.walk(recorder));
  EXPECT_LE(walker.offset(), 100u);
}

TEST(SpoolFile, TruncatesBackAndReadsWhatIsLeft) {
  SpoolFile spool("test");
  spool.write("hello, ");
  spool.write("world");
  spool.truncate(5);
  spool.write("!");
  EXPECT_EQ(spool.size(), 6u);
  auto source = spool.open();
  char buffer[16];
  EXPECT_EQ(std::string(buffer, source->read(buffer, sizeof buffer)), "hello!");
}

}  // namespace
}  // namespace tcfeed::pipeline
