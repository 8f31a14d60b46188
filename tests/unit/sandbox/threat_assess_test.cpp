#include "tests/sandbox/threat_assess.hpp"

#include <gtest/gtest.h>

namespace tcfeed::sandbox {
namespace {

TEST(SandboxThreatAssess, Fnv1a32KnownAnswers) {
  EXPECT_EQ(fnv1a32(""), 2166136261u);
  EXPECT_EQ(fnv1a32("a"), 0xe40c292cu);
  EXPECT_EQ(fnv1a32("foobar"), 0xbf9cf968u);
}

TEST(SandboxThreatAssess, ScoreFormula) {
  // 160*3 + 2*60 + 10*1 + fnv1a32("badguyz.com") % 50 (= 22)
  EXPECT_EQ(threat_assess_score(3, 60, 1, "badguyz.com"), 632);
  EXPECT_EQ(threat_assess_score(0, 0, 0, ""), static_cast<std::int64_t>(2166136261u % 50u));
  // Tags count up to five; the total is capped at 1000.
  EXPECT_EQ(threat_assess_score(0, 0, 9, "") - threat_assess_score(0, 0, 5, ""), 0);
  EXPECT_EQ(threat_assess_score(5, 100, 5, "x"), 1000);
  EXPECT_EQ(threat_assess_score(2.5, 0, 0, ""), 400 + static_cast<std::int64_t>(2166136261u % 50u));
}

}  // namespace
}  // namespace tcfeed::sandbox
