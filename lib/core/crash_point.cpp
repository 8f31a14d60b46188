#include "lib/core/crash_point.hpp"

#ifdef TCFEED_TEST_HOOKS
#include <cstdio>
#include <cstdlib>
#include <string>

namespace tcfeed {

void crash_point(std::string_view name) {
  static const std::string wanted = [] {
    const char* value = std::getenv("TCFEED_TEST_CRASH_AT");
    return std::string(value ? value : "");
  }();
  if (wanted.empty() || wanted != name) return;
  std::fprintf(stderr, "TCFEED_TEST_CRASH_AT=%s: aborting here\n", wanted.c_str());
  std::fflush(stderr);
  std::abort();
}

}  // namespace tcfeed
#endif
