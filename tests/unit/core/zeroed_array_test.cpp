#include "lib/core/zeroed_array.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>

namespace tcfeed {
namespace {

struct Slot {
  std::uint64_t key;
  std::uint32_t a;
  std::uint32_t b;
};

TEST(ZeroedArray, EmptyByDefault) {
  ZeroedArray<Slot> array;
  EXPECT_EQ(array.size(), 0u);
  EXPECT_EQ(array.begin(), array.end());
}

TEST(ZeroedArray, SmallAndHugePageSizedArraysStartZeroed) {
  for (const std::size_t size : {std::size_t{1}, std::size_t{1000}, std::size_t{300'000}}) {  // 300k slots: 4.8 MB
    ZeroedArray<Slot> array(size);
    ASSERT_EQ(array.size(), size);
    EXPECT_TRUE(std::all_of(array.begin(), array.end(), [](const Slot& s) {
      return s.key == 0 && s.a == 0 && s.b == 0;
    })) << size;
    array[size - 1] = {7, 8, 9};  // the last element is writable memory
    EXPECT_EQ(array[size - 1].key, 7u);
  }
}

TEST(ZeroedArray, MovingTransfersTheElementsAndEmptiesTheSource) {
  ZeroedArray<Slot> first(4096);
  first[4095].key = 42;
  ZeroedArray<Slot> second(std::move(first));
  EXPECT_EQ(first.size(), 0u);  // NOLINT(bugprone-use-after-move): the moved-from state is specified
  EXPECT_EQ(second[4095].key, 42u);
  ZeroedArray<Slot> third(10);
  third = std::move(second);
  EXPECT_EQ(third.size(), 4096u);
  EXPECT_EQ(third[4095].key, 42u);
}

}  // namespace
}  // namespace tcfeed
