// BitWriter and BitReader: what is written at any width and bit offset reads back the same, the
// byte layout is fixed (low bits first), and a reader past its end yields zeros and says so.
#include "lib/state/bit_stream.hpp"

#include <gtest/gtest.h>

#include <random>
#include <utility>
#include <vector>

namespace tcfeed::state {
namespace {

TEST(BitStream, TheLayoutIsLowBitsFirstWhateverTheMachine) {
  std::string out;
  BitWriter writer(out);
  writer.write(0b101, 3);
  writer.write(0b11, 2);
  writer.write(0x1ff, 9);
  writer.finish();
  // Bits in order: 1 0 1 | 1 1 | 1 1 1 1 1 1 1 1 1, padded with zeros.
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(static_cast<std::uint8_t>(out[0]), 0b1111'1101);
  EXPECT_EQ(static_cast<std::uint8_t>(out[1]), 0b0011'1111);
}

TEST(BitStream, ValuesOfEveryWidthAtEveryOffsetReadBack) {
  std::mt19937_64 random(7);
  std::vector<std::pair<std::uint64_t, unsigned>> written;
  std::string out;
  BitWriter writer(out);
  for (int i = 0; i < 20000; ++i) {
    const auto bits = static_cast<unsigned>(random() % 65);
    const std::uint64_t value = bits == 64 ? random() : random() & ((std::uint64_t{1} << bits) - 1);
    writer.write(value, bits);
    written.emplace_back(value, bits);
  }
  writer.finish();
  BitReader reader(out);
  for (const auto& [value, bits] : written) ASSERT_EQ(reader.read(bits), value) << bits << " bits";
  EXPECT_FALSE(reader.overrun());
  EXPECT_LT(reader.bits_left(), 8u);
  EXPECT_TRUE(reader.rest_is_zero());
}

TEST(BitStream, AWriterKeepsOnlyTheBitsAskedFor) {
  std::string out;
  BitWriter writer(out);
  writer.write(~std::uint64_t{0}, 4);
  writer.write(0, 4);
  writer.finish();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(static_cast<std::uint8_t>(out[0]), 0x0f);
}

TEST(BitStream, UnaryCountsOfAnyLengthReadBack) {
  const std::vector<std::uint64_t> counts = {0, 1, 2, 31, 32, 33, 56, 57, 58, 63, 64, 65, 200, 1000, 0, 3};
  std::string out;
  BitWriter writer(out);
  for (const auto count : counts) {
    writer.write_unary(count);
    writer.write(0x5, 3);  // something after each, at a moving offset
  }
  writer.finish();
  BitReader reader(out);
  for (const auto count : counts) {
    ASSERT_EQ(reader.read_unary(), count);
    ASSERT_EQ(reader.read(3), 0x5u);
  }
  EXPECT_FALSE(reader.overrun());
}

TEST(BitStream, ReadingPastTheEndYieldsZerosAndIsOverrun) {
  const std::string bytes = "\xff";
  BitReader reader(bytes);
  EXPECT_EQ(reader.read(4), 0xfu);
  EXPECT_FALSE(reader.overrun());
  EXPECT_EQ(reader.read(5), 0u);  // 4 bits left, 5 asked
  EXPECT_TRUE(reader.overrun());
  EXPECT_EQ(reader.bits_left(), 0u);
  EXPECT_EQ(reader.read(64), 0u);
}

TEST(BitStream, AUnaryCountWithoutItsEndIsOverrun) {
  const std::string ones(100, '\xff');  // 800 one bits, no zero
  BitReader reader(ones);
  reader.read_unary();
  EXPECT_TRUE(reader.overrun());
  BitReader empty(std::string_view{});
  empty.read_unary();
  EXPECT_TRUE(empty.overrun());
}

TEST(BitStream, RestIsZeroTellsPaddingFromData) {
  const std::string padded("\x01\x00\x00", 3);
  BitReader zeros(padded);
  EXPECT_EQ(zeros.read(1), 1u);
  EXPECT_TRUE(zeros.rest_is_zero());
  const std::string data("\x01\x00\x80", 3);
  BitReader more(data);
  EXPECT_EQ(more.read(1), 1u);
  EXPECT_FALSE(more.rest_is_zero());
}

}  // namespace
}  // namespace tcfeed::state
