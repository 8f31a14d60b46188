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

TEST(BatchAssembler, WritesGroupsBeforeTheIndicators) {
  BatchAssembler assembler(10, 100'000);
  const std::string group = R"({"type":"Malware","name":"Emotet","xid":"tcfeed:f:Emotet"})";
  assembler.add_group(group);
  assembler.add(item(0));
  assembler.add_group(group);
  EXPECT_EQ(assembler.count(), 1u);
  EXPECT_EQ(assembler.group_count(), 2u);
  EXPECT_EQ(assembler.finish(), R"({"group":[)" + group + "," + group + R"(],"indicator":[)" + item(0) + "]}");
  assembler.reset();
  EXPECT_TRUE(assembler.empty());
  assembler.add(item(1));
  EXPECT_EQ(assembler.finish(), R"({"indicator":[)" + item(1) + "]}");
}

TEST(BatchAssembler, AGroupAloneMakesADocument) {
  BatchAssembler assembler(10, 100'000);
  assembler.add_group(R"({"type":"Malware","name":"x","xid":"x"})");
  EXPECT_FALSE(assembler.empty());
  EXPECT_EQ(assembler.count(), 0u);
  EXPECT_EQ(assembler.finish(), R"({"group":[{"type":"Malware","name":"x","xid":"x"}],"indicator":[]})");
}

TEST(BatchAssembler, TheByteLimitCountsGroups) {
  const std::string group = R"({"type":"Malware","name":"Emotet","xid":"tcfeed:f:Emotet"})";
  for (std::size_t limit = 60; limit < 400; ++limit) {
    BatchAssembler assembler(5000, limit);
    std::size_t added = 0;
    while (true) {
      const std::size_t cost = assembler.group_cost(group.size());
      if (!assembler.fits(item(added), cost)) break;
      assembler.add_group(group);
      assembler.add(item(added++));
    }
    if (added == 0) continue;
    const std::size_t size = assembler.finish().size();
    EXPECT_LE(size, limit) << limit;
    // What fits() promised is what the document took, to the byte, when it came to the edge.
    BatchAssembler exact(5000, size);
    for (std::size_t i = 0; i < added; ++i) {
      ASSERT_TRUE(exact.fits(item(i), exact.group_cost(group.size()))) << limit << " " << i;
      exact.add_group(group);
      exact.add(item(i));
    }
    EXPECT_EQ(exact.finish().size(), size);
  }
}

}  // namespace
}  // namespace tcfeed::pipeline
