#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "lib/indicators/normalize.hpp"

// Table-driven checks shared by the per-type tests: each row is an input and either the canonical
// output (reason None) or the expected reason.
namespace tcfeed::indicators::testing {

struct Case {
  std::string_view input;
  std::string_view expected;  // canonical value when reason == Reject::None
  Reject reason = Reject::None;
};

inline std::string printable(std::string_view s) {
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      constexpr std::string_view kHex = "0123456789abcdef";
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 0xf];
    } else {
      out += c;
    }
  }
  return out;
}

// Checks every row; accepted values are also checked for idempotency (normalize(out) == out).
inline void expect_cases(IndicatorType type, const std::vector<Case>& cases) {
  std::string out;
  std::string again;
  for (const auto& c : cases) {
    SCOPED_TRACE("input: '" + printable(c.input) + "'");
    const Reject reason = normalize(type, c.input, out);
    EXPECT_EQ(reject_id(reason), reject_id(c.reason));
    if (c.reason == Reject::None && reason == Reject::None) {
      EXPECT_EQ(out, c.expected);
      EXPECT_EQ(normalize(type, out, again), Reject::None) << "re-normalizing " << out;
      EXPECT_EQ(again, out) << "not idempotent";
    }
  }
}

}  // namespace tcfeed::indicators::testing
