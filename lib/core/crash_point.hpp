#pragma once
// Crash points (docs/architecture.md, Crash points): test builds abort at the named step of delivery when
// TCFEED_TEST_CRASH_AT names it, so crash-safety tests hit each step exactly. Release builds
// (TCFEED_TEST_HOOKS off) compile them out.
#include <string_view>

namespace tcfeed {

#ifdef TCFEED_TEST_HOOKS
void crash_point(std::string_view name);
#else
inline void crash_point(std::string_view) {}
#endif

}  // namespace tcfeed
