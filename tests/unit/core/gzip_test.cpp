#include "lib/core/gzip.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

namespace tcfeed {
namespace {

std::string gzip(const std::string& plain) {
  z_stream stream{};
  deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&stream, plain.size()) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
  stream.avail_in = static_cast<uInt>(plain.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

TEST(Gunzip, RoundTrips) {
  const std::string plain = R"([{"errorReason":"bad","errorSource":"x"}])";
  const std::string packed = gzip(plain);
  ASSERT_TRUE(looks_gzipped(packed));
  std::string error;
  EXPECT_EQ(gunzip(packed, 1 << 20, error), plain);
}

TEST(Gunzip, StopsABombAtTheCap) {
  const std::string packed = gzip(std::string(10 << 20, 'A'));  // 10 MiB of 'A' is ~10 KiB packed
  std::string error;
  EXPECT_FALSE(gunzip(packed, 1 << 20, error).has_value());
  EXPECT_NE(error.find("larger than"), std::string::npos);
}

TEST(Gunzip, RejectsTruncatedAndCorruptInput) {
  const std::string packed = gzip(std::string(100'000, 'x') + "tail");
  std::string error;
  EXPECT_FALSE(gunzip(packed.substr(0, packed.size() / 2), 1 << 20, error).has_value());
  std::string corrupt = packed;
  corrupt[12] = static_cast<char>(corrupt[12] ^ 0x55);
  EXPECT_FALSE(gunzip(corrupt, 1 << 20, error).has_value());
}

}  // namespace
}  // namespace tcfeed

namespace tcfeed {
namespace {

TEST(Gzip, CompressesWhatGunzipRestores) {
  std::string plain;
  for (int i = 0; i < 20000; ++i) plain += "198.51.100." + std::to_string(i % 256) + "\n";
  const std::string packed = tcfeed::gzip(plain);
  ASSERT_TRUE(looks_gzipped(packed));
  EXPECT_LT(packed.size(), plain.size() / 4);
  std::string error;
  EXPECT_EQ(gunzip(packed, 1 << 24, error), plain);
  EXPECT_EQ(gunzip(tcfeed::gzip(""), 16, error), "");
}

}  // namespace
}  // namespace tcfeed
