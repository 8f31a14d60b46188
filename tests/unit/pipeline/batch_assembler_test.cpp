#include "lib/pipeline/stream/batch_assembler.hpp"

#include <gtest/gtest.h>

namespace tcfeed::pipeline {
namespace {

std::string item(std::size_t n) { return R"({"type":"Host","summary":"host-)" + std::to_string(n) + R"(.example"})"; }

TEST(BatchAssembler, StopsAtTheIndicatorLimit) {
  BatchAssembler assembler(2, 100'000);
  for (std::size_t i = 0; i < 2; ++i) {
    ASSERT_TRUE(assembler.fits(item(i)));
    assembler.add(item(i));
  }
  EXPECT_FALSE(assembler.fits(item(2)));
  EXPECT_EQ(assembler.finish(), R"({"indicator":[)" + item(0) + "," + item(1) + "]}");
  assembler.reset();
  EXPECT_TRUE(assembler.empty());
  EXPECT_TRUE(assembler.fits(item(2)));
}

TEST(BatchAssembler, NeverPassesTheByteLimit) {
  const std::size_t limit = 1000;
  BatchAssembler assembler(5000, limit);
  std::size_t added = 0;
  while (assembler.fits(item(added))) assembler.add(item(added++));
  EXPECT_GT(added, 3u);
  EXPECT_LE(assembler.finish().size(), limit);
}

TEST(BatchAssembler, KnowsAnItemTooLargeOnItsOwn) {
  BatchAssembler assembler(5000, 200);
  const std::string huge = R"({"type":"URL","summary":"http://example.com/)" + std::string(300, 'a') + R"("})";
  EXPECT_FALSE(assembler.fits_alone(huge));
  EXPECT_TRUE(assembler.fits_alone(item(1)));
}

}  // namespace
}  // namespace tcfeed::pipeline
