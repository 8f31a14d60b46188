// The seen block body: every set of entries reads back exactly, at the size the coding promises,
// and a body that is not one (truncated, damaged, random, the wrong count) is refused without a
// read outside it.
#include "lib/state/seen_block_codec.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

namespace tcfeed::state {
namespace {

constexpr std::uint64_t kMaxKey = std::numeric_limits<std::uint64_t>::max();

// `count` entries with distinct uniform keys, random contents and `stamps` distinct stamps.
std::vector<SeenEntry> random_entries(std::mt19937_64& random, std::size_t count, std::uint32_t stamps,
                                      std::uint64_t span = kMaxKey) {
  std::vector<std::uint64_t> keys;
  while (keys.size() < count) {
    keys.push_back(random() % span);
    if (keys.size() == count) {
      std::sort(keys.begin(), keys.end());
      keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    }
  }
  std::vector<SeenEntry> entries;
  for (const auto key : keys) {
    entries.push_back({key, static_cast<std::uint32_t>(random()),
                       1'700'000'000U + static_cast<std::uint32_t>(random() % stamps) * 3600U});
  }
  return entries;
}

std::string encoded(const std::vector<SeenEntry>& entries) {
  std::string body;
  encode_seen_block(entries, body);
  return body;
}

std::vector<SeenEntry> decoded(const std::vector<SeenEntry>& entries, const std::string& body) {
  std::vector<SeenEntry> out;
  EXPECT_TRUE(decode_seen_block(entries.front().key, static_cast<std::int64_t>(entries.size()), body, out));
  return out;
}

TEST(SeenBlockCodec, RandomSetsReadBackExactly) {
  std::mt19937_64 random(1);
  for (const std::size_t count : {1, 2, 3, 17, 128, 256, 1000, 4096}) {
    for (const std::uint32_t stamps : {1U, 2U, 5U, 1000U}) {
      const auto entries = random_entries(random, count, stamps);
      EXPECT_EQ(decoded(entries, encoded(entries)), entries) << count << " entries, " << stamps << " stamps";
    }
  }
}

TEST(SeenBlockCodec, DenseAndSparseKeysReadBack) {
  std::mt19937_64 random(2);
  // Consecutive keys (every gap 1), keys in a narrow range, keys spread over all 64 bits.
  std::vector<SeenEntry> consecutive;
  for (std::uint64_t key = 1000; key < 1300; ++key) consecutive.push_back({key, 1, 1});
  EXPECT_EQ(decoded(consecutive, encoded(consecutive)), consecutive);
  for (const std::uint64_t span : {std::uint64_t{5000}, std::uint64_t{1} << 32, kMaxKey}) {
    const auto entries = random_entries(random, 300, 3, span);
    EXPECT_EQ(decoded(entries, encoded(entries)), entries) << span;
  }
  // One far outlier among close keys: a long unary quotient.
  std::vector<SeenEntry> outlier = {{10, 1, 1}, {11, 2, 1}, {13, 3, 1}, {kMaxKey - 7, 4, 1}};
  EXPECT_EQ(decoded(outlier, encoded(outlier)), outlier);
}

TEST(SeenBlockCodec, TheEdgeKeysAndStampsReadBack) {
  const std::vector<std::vector<SeenEntry>> cases = {
      {{0, 0, 0}},
      {{kMaxKey, ~0U, ~0U}},
      {{0, 1, 0}, {kMaxKey, 2, ~0U}},  // the largest gap there is
      {{kMaxKey - 1, 5, 7}, {kMaxKey, 6, 7}},
      {{0, 1, 1}, {1, 1, 1}, {kMaxKey - 1, 1, 1}, {kMaxKey, 1, 1}},
  };
  for (const auto& entries : cases) EXPECT_EQ(decoded(entries, encoded(entries)), entries);
}

TEST(SeenBlockCodec, EncodingRefusesWhatIsNotASortedSetOfEntries) {
  std::string body;
  EXPECT_THROW(encode_seen_block({}, body), std::logic_error);
  const std::vector<SeenEntry> duplicate = {{5, 1, 1}, {5, 2, 1}};
  EXPECT_THROW(encode_seen_block(duplicate, body), std::logic_error);
  const std::vector<SeenEntry> unsorted = {{6, 1, 1}, {5, 2, 1}};
  EXPECT_THROW(encode_seen_block(unsorted, body), std::logic_error);
  std::vector<SeenEntry> too_many;
  for (std::uint64_t key = 0; key <= kMaxSeenBlockEntries; ++key) too_many.push_back({key, 1, 1});
  EXPECT_THROW(encode_seen_block(too_many, body), std::logic_error);
  EXPECT_TRUE(body.empty());
}

TEST(SeenBlockCodec, DecodedKeysAreStrictlyIncreasingByConstruction) {
  // A gap is coded as gap - 1, so no body, however damaged, decodes to a repeated key.
  std::mt19937_64 random(3);
  const auto entries = random_entries(random, 64, 2);
  std::string body = encoded(entries);
  for (std::size_t bit = 0; bit < body.size() * 8; ++bit) {
    std::string damaged = body;
    damaged[bit / 8] = static_cast<char>(damaged[bit / 8] ^ (1 << (bit % 8)));
    std::vector<SeenEntry> out;
    if (!decode_seen_block(entries.front().key, 64, damaged, out)) continue;
    ASSERT_EQ(out.size(), 64u);
    for (std::size_t i = 1; i < out.size(); ++i) ASSERT_LT(out[i - 1].key, out[i].key);
  }
}

TEST(SeenBlockCodec, AUniformSetTakesUnderTenBytesAnEntry) {
  // The benchmark's density: 929,327 keys over 64 bits, in blocks of 128. Keys ~45.7 bits,
  // content 32, one stamp: no index bits.
  std::mt19937_64 random(4);
  const std::uint64_t mean_gap = kMaxKey / 929'327;
  std::vector<SeenEntry> entries;
  std::uint64_t key = random() % mean_gap;
  for (int i = 0; i < 128; ++i) {
    entries.push_back({key, static_cast<std::uint32_t>(random()), 1'700'000'000});
    // Exponential gaps, as between sorted uniform keys.
    key += 1 + static_cast<std::uint64_t>(std::exponential_distribution<double>(1.0)(random) * double(mean_gap));
  }
  const std::string body = encoded(entries);
  EXPECT_EQ(decoded(entries, body), entries);
  EXPECT_LT(body.size(), 128u * 10);
  EXPECT_GT(body.size(), 128u * 9);  // and no less than the information there is: the test measures what it says
}

TEST(SeenBlockCodec, EveryTruncationIsRefusedAndLeavesTheOutputAsItWas) {
  std::mt19937_64 random(5);
  const auto entries = random_entries(random, 100, 4);
  const std::string body = encoded(entries);
  const std::vector<SeenEntry> before = {{1, 2, 3}};
  for (std::size_t size = 0; size < body.size(); ++size) {
    std::vector<SeenEntry> out = before;
    EXPECT_FALSE(decode_seen_block(entries.front().key, 100, std::string_view(body).substr(0, size), out)) << size;
    EXPECT_EQ(out, before);
  }
  // Bytes appended are refused too: a body is exactly one body.
  std::vector<SeenEntry> out;
  EXPECT_FALSE(decode_seen_block(entries.front().key, 100, body + std::string(1, '\0'), out));
  EXPECT_FALSE(decode_seen_block(entries.front().key, 100, body + "\x01", out));
}

TEST(SeenBlockCodec, AWrongCountIsRefused) {
  std::mt19937_64 random(6);
  const auto entries = random_entries(random, 50, 1);
  const std::string body = encoded(entries);
  std::vector<SeenEntry> out;
  for (const std::int64_t count : {std::int64_t{-1}, std::int64_t{0}, std::int64_t{49}, std::int64_t{51},
                                   std::int64_t{kMaxSeenBlockEntries + 1}, std::numeric_limits<std::int64_t>::max()}) {
    EXPECT_FALSE(decode_seen_block(entries.front().key, count, body, out)) << count;
  }
  EXPECT_TRUE(out.empty());
}

TEST(SeenBlockCodec, AFirstKeyThatLeavesNoRoomIsRefused) {
  // The same gaps from a first key near the top would pass the largest key.
  const std::vector<SeenEntry> entries = {{0, 1, 1}, {1000, 2, 1}};
  const std::string body = encoded(entries);
  std::vector<SeenEntry> out;
  EXPECT_FALSE(decode_seen_block(kMaxKey - 10, 2, body, out));
  EXPECT_TRUE(decode_seen_block(kMaxKey - 1000, 2, body, out));
  EXPECT_EQ(out.back().key, kMaxKey);
}

TEST(SeenBlockCodec, RandomBodiesAreRefusedOrDecodeToASortedSet) {
  std::mt19937_64 random(7);
  std::size_t accepted = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string body(random() % 64, '\0');
    for (auto& byte : body) byte = static_cast<char>(random());
    const auto count = static_cast<std::int64_t>(random() % 8);
    std::vector<SeenEntry> out;
    if (!decode_seen_block(random(), count, body, out)) {
      ASSERT_TRUE(out.empty());
      continue;
    }
    ++accepted;
    ASSERT_EQ(out.size(), static_cast<std::size_t>(count));
    for (std::size_t j = 1; j < out.size(); ++j) ASSERT_LT(out[j - 1].key, out[j].key);
  }
  EXPECT_LT(accepted, 200u);  // random bytes are almost never exactly a body
}

}  // namespace
}  // namespace tcfeed::state
