#include "lib/pipeline/batch_split.hpp"

#include <gtest/gtest.h>

namespace tcfeed::pipeline {
namespace {

std::vector<indicators::Indicator> urls(std::size_t n, std::size_t path_length = 10) {
  std::vector<indicators::Indicator> items(n);
  for (std::size_t i = 0; i < n; ++i) {
    items[i].type = indicators::IndicatorType::URL;
    items[i].value = "http://example.com/" + std::to_string(i) + std::string(path_length, 'p');
  }
  return items;
}

TEST(SplitIntoDocuments, CoversEveryIndicatorOnceWithinLimits) {
  const auto items = urls(23);
  std::size_t next = 0;
  std::size_t documents = 0;
  split_into_documents(
      items, 5, 100'000,
      [&](std::string&& document, std::size_t first, std::size_t count) {
        EXPECT_EQ(first, next);
        EXPECT_LE(count, 5u);
        EXPECT_NE(document.find(items[first].value), std::string::npos);
        next = first + count;
        ++documents;
      },
      [](const indicators::Indicator&) { FAIL(); });
  EXPECT_EQ(next, 23u);
  EXPECT_EQ(documents, 5u);
}

TEST(SplitIntoDocuments, SkipsAndReportsAnOversizedIndicator) {
  auto items = urls(3);
  items[1].value = "http://example.com/" + std::string(5000, 'x');
  std::vector<std::size_t> firsts;
  std::size_t oversized = 0;
  split_into_documents(
      items, 100, 1000, [&](std::string&& document, std::size_t first, std::size_t count) {
        EXPECT_LE(document.size(), 1000u);
        for (std::size_t i = first; i < first + count; ++i) EXPECT_NE(i, 1u);
        firsts.push_back(first);
      },
      [&](const indicators::Indicator&) { ++oversized; });
  EXPECT_EQ(oversized, 1u);
  EXPECT_EQ(firsts, (std::vector<std::size_t>{0, 2}));
}

}  // namespace
}  // namespace tcfeed::pipeline
