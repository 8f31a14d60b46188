#include <gtest/gtest.h>

#include <string>

#include "lib/indicators/file_hash.hpp"
#include "tests/unit/indicators/case_table.hpp"

namespace tcfeed::indicators {
namespace {

using testing::Case;
using testing::expect_cases;

constexpr std::string_view kMd5 = "d41d8cd98f00b204e9800998ecf8427e";
constexpr std::string_view kSha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
constexpr std::string_view kSha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  return out;
}

TEST(FileHashTest, SingleHashes) {
  const std::string md5_upper = upper(kMd5);
  const std::string sha256_padded = "  " + upper(kSha256) + "\n";
  expect_cases(IndicatorType::File, {
                                        {kMd5, kMd5},
                                        {kSha1, kSha1},
                                        {kSha256, kSha256},
                                        {md5_upper, kMd5},
                                        {sha256_padded, kSha256},
                                        {"d41d8cd98f00b204e9800998ecf8427", "", Reject::HashInvalidLength},
                                        {"d41d8cd98f00b204e9800998ecf8427e0", "", Reject::HashInvalidLength},
                                        {"g41d8cd98f00b204e9800998ecf8427e", "", Reject::HashInvalidHex},
                                        {"d41d8cd98f00b204 e9800998ecf8427e", "", Reject::HashInvalidHex},
                                        {"", "", Reject::Empty},
                                    });
  std::string out;
  EXPECT_EQ(normalize(IndicatorType::File, std::string(128, 'a'), out), Reject::HashInvalidLength);
  EXPECT_EQ(normalize(IndicatorType::File, std::string(1000, 'a'), out), Reject::TooLong);
}

TEST(FileHashTest, Summaries) {
  const std::string all = std::string(kMd5) + " : " + std::string(kSha1) + " : " + std::string(kSha256);
  const std::string tight = upper(kMd5) + ":" + std::string(kSha1) + ":" + std::string(kSha256);
  const std::string md5_sha256 = std::string(kMd5) + " : " + std::string(kSha256);
  const std::string gap = std::string(kMd5) + " :  : " + std::string(kSha256);
  const std::string sha1_sha256 = std::string(kSha1) + " : " + std::string(kSha256);
  const std::string reversed = std::string(kSha1) + " : " + std::string(kMd5);
  const std::string repeated = std::string(kMd5) + " : " + std::string(kMd5);
  const std::string bad_part = std::string(kMd5) + " : zz";
  expect_cases(IndicatorType::File, {
                                        {all, all},
                                        {tight, all},
                                        {md5_sha256, md5_sha256},
                                        {gap, md5_sha256},
                                        {sha1_sha256, sha1_sha256},
                                        {reversed, "", Reject::HashInvalidOrder},
                                        {repeated, "", Reject::HashInvalidOrder},
                                        {bad_part, "", Reject::HashInvalidHex},
                                        {" : : ", "", Reject::Empty},
                                    });
}

}  // namespace
}  // namespace tcfeed::indicators
