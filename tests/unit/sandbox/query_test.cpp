#include "tests/sandbox/query.hpp"

#include <gtest/gtest.h>

namespace tcfeed::sandbox {
namespace {

TEST(SandboxQuery, ParamsDecodePlusAsSpace) {
  EXPECT_EQ(query_param("owner=Demo+Organization&resultStart=0", "owner"), "Demo Organization");
  EXPECT_EQ(query_param("Owner=Demo%20Organization", "owner"), "Demo Organization");
  EXPECT_EQ(query_param("a=1&resultLimit=10", "resultLimit"), "10");
  EXPECT_FALSE(query_param("a=1", "owner"));
  EXPECT_EQ(query_param("flag", "flag"), "");
}

TEST(SandboxQuery, PathSegmentsKeepPlusAndSplitBeforeDecoding) {
  const auto segments = path_segments("/v2/indicators/urls/http%3A%2F%2Fa.example%2Fx+y");
  ASSERT_EQ(segments.size(), 4u);
  EXPECT_EQ(segments[3], "http://a.example/x+y");
  EXPECT_EQ(percent_decode("%zz%41", false), "%zzA");
  EXPECT_EQ(percent_encode("a b/c"), "a%20b%2Fc");
}

}  // namespace
}  // namespace tcfeed::sandbox
