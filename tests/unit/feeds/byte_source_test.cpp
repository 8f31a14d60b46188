#include "lib/pipeline/source/byte_source.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::pipeline {
namespace {

std::string drain(ByteSource& source, std::size_t chunk) {
  std::string out;
  std::string buffer(chunk, '\0');
  while (const std::size_t count = source.read(buffer.data(), buffer.size())) out.append(buffer.data(), count);
  return out;
}

TEST(ByteSource, StringSourceYieldsItsBytesInChunks) {
  StringSource source("hello, world");
  EXPECT_EQ(drain(source, 5), "hello, world");
  char c = 0;
  EXPECT_EQ(source.read(&c, 1), 0u);
}

TEST(ByteSource, FileSourceReadsAFile) {
  const std::string dir = std::getenv("TCFEED_SOURCE_DIR") ? std::getenv("TCFEED_SOURCE_DIR") : ".";
  FileSource source(dir + "/tests/fixtures/urlhaus/csv_recent.csv");
  EXPECT_NE(drain(source, 7).find("# id,dateadded,url"), std::string::npos);
}

// A file's size is known before reading, also through the source that replays its first bytes;
// bytes in memory or a stream tell nothing.
TEST(ByteSource, AFileHintsItsSize) {
  const std::string dir = std::getenv("TCFEED_SOURCE_DIR") ? std::getenv("TCFEED_SOURCE_DIR") : ".";
  const std::string path = dir + "/tests/fixtures/urlhaus/csv_recent.csv";
  std::string head;
  const auto source = peek(std::make_unique<FileSource>(path), 16, head);
  EXPECT_EQ(source->size_hint(), std::filesystem::file_size(path));
  EXPECT_EQ(StringSource("twelve bytes").size_hint(), 0u);
  EXPECT_EQ(FileSource("/dev/null").size_hint(), 0u);
}

TEST(ByteSource, FileSourceReportsAMissingFile) {
  EXPECT_THROW(FileSource("/nonexistent/tcfeed/feed.csv"), SourceError);
}

// The size cap names the key that sets it, so the operator knows what to raise.
TEST(ByteSource, AFileOverMaxBytesNamesTheKey) {
  const std::string dir = std::getenv("TCFEED_SOURCE_DIR") ? std::getenv("TCFEED_SOURCE_DIR") : ".";
  FetchRequest request;
  request.url = "file://" + dir + "/tests/fixtures/urlhaus/csv_recent.csv";
  request.max_bytes = 100;
  try {
    fetch_stream(request);
    FAIL() << "a file over max_bytes was read";
  } catch (const SourceError& error) {
    EXPECT_NE(std::string(error.what()).find("is larger than max_bytes (100 bytes): raise the connector's max_bytes"),
              std::string::npos)
        << error.what();
  }
}

TEST(ByteSource, PeekReplaysTheHead) {
  std::string head;
  auto source = peek(std::make_unique<StringSource>("abcdef"), 3, head);
  EXPECT_EQ(head, "abc");
  EXPECT_EQ(drain(*source, 2), "abcdef");
  auto short_source = peek(std::make_unique<StringSource>("ab"), 8, head);
  EXPECT_EQ(head, "ab");
  EXPECT_EQ(drain(*short_source, 8), "ab");
}

}  // namespace
}  // namespace tcfeed::pipeline
