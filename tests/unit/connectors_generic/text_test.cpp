// The `text` connector built from YAML: one value a line, read as a stream.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tests/unit/connectors_generic/support.hpp"

namespace tcfeed::connectors {
namespace {

using testing_support::poll;
using testing_support::YamlConnector;

std::string write_list(const std::string& name, const std::string& text) {
  const std::string path = testing::TempDir() + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(TextConnector, TrimsSkipsCommentsAndBlankLinesAndKeepsTheLastLine) {
  const std::string path = write_list("text_list.txt", "# Hosts\r\n\r\n  alpha.example \r\n#beta.example\nC2.example");
  YamlConnector yaml;
  auto connector = yaml.build("text", "    url: file://" + path + "\n    indicator_type: Host\n");
  const auto polled = poll(*connector);
  EXPECT_EQ(polled.lines, (std::vector<std::string>{"Host\talpha.example\t", "Host\tC2.example\t"}));
  EXPECT_EQ(polled.result.records, 2u);
}

// The feed is read in 64 KiB chunks: a value cut by a chunk boundary still arrives whole, and a
// value a whole chunk long too.
TEST(TextConnector, AValueAcrossChunkBoundariesArrivesWhole) {
  const std::string filler(64 * 1024 - 3, 'a');
  const std::string long_value(70 * 1024, 'b');
  const std::string path =
      write_list("text_chunks.txt", filler + "\nsplit.example\n" + long_value + "\nlast.example\n");
  YamlConnector yaml;
  auto connector = yaml.build("text", "    url: file://" + path + "\n    indicator_type: User Agent\n");
  const auto polled = poll(*connector);
  ASSERT_EQ(polled.lines.size(), 4u);
  EXPECT_EQ(polled.lines[0], "User Agent\t" + filler + "\t");
  EXPECT_EQ(polled.lines[1], "User Agent\tsplit.example\t");
  EXPECT_EQ(polled.lines[2], "User Agent\t" + long_value + "\t");
  EXPECT_EQ(polled.lines[3], "User Agent\tlast.example\t");
}

}  // namespace
}  // namespace tcfeed::connectors
