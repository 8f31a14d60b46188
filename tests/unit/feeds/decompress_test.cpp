#include "lib/pipeline/source/decompress.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::pipeline {
namespace {

std::string fixture(const std::string& name) {
  const char* dir = std::getenv("TCFEED_SOURCE_DIR");
  std::ifstream in(std::string(dir ? dir : ".") + "/tests/fixtures/urlhaus/" + name, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string gzip(const std::string& data) {
  z_stream stream{};
  EXPECT_EQ(deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&stream, data.size()) + 64, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

std::string drain(ByteSource& source) {
  std::string out;
  char buffer[4096];
  while (const std::size_t count = source.read(buffer, sizeof buffer)) out.append(buffer, count);
  return out;
}

TEST(Decompress, PlainPassesThrough) {
  auto source = maybe_decompress(std::make_unique<StringSource>("id,url\n1,x\n"));
  EXPECT_EQ(drain(*source), "id,url\n1,x\n");
  auto tiny = maybe_decompress(std::make_unique<StringSource>("P"));
  EXPECT_EQ(drain(*tiny), "P");
}

TEST(Decompress, ZipYieldsItsCsvEntry) {
  const std::string zip = fixture("csv_recent.zip");
  ASSERT_EQ(zip.substr(0, 2), "PK");
  auto source = maybe_decompress(std::make_unique<StringSource>(zip));
  EXPECT_EQ(drain(*source), fixture("csv_recent.csv"));
}

TEST(Decompress, Gzip) {
  const std::string text = fixture("json_recent.json");
  auto source = maybe_decompress(std::make_unique<StringSource>(gzip(text)));
  EXPECT_EQ(drain(*source), text);
}

TEST(Decompress, GzipBombIsStoppedAtTheRatioCap) {
  const std::string bomb = gzip(std::string(64u << 20, '\0'));  // ~64 KiB → 64 MiB
  DecompressLimits limits;
  limits.max_ratio = 100;
  auto source = maybe_decompress(std::make_unique<StringSource>(bomb), limits);
  try {
    drain(*source);
    FAIL() << "the bomb was not stopped";
  } catch (const SourceError& error) {
    EXPECT_NE(std::string(error.what()).find("decompressed output exceeds"), std::string::npos) << error.what();
  }
}

TEST(Decompress, OutputCap) {
  DecompressLimits limits;
  limits.max_output_bytes = 1000;
  auto source = maybe_decompress(std::make_unique<StringSource>(gzip(std::string(5000, 'a'))), limits);
  EXPECT_THROW(drain(*source), SourceError);
}

TEST(Decompress, CorruptGzipIsASourceError) {
  std::string broken = gzip(std::string(10000, 'a') + "tail");
  broken.resize(broken.size() / 2);
  EXPECT_THROW(drain(*maybe_decompress(std::make_unique<StringSource>(broken))), SourceError);
}

}  // namespace
}  // namespace tcfeed::pipeline
