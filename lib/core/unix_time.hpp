#pragma once
// Wall-clock seconds since the epoch: what the state file stores (run stamps, next attempts,
// mentions) and what the platform's signatures use. Code that needs a different clock in tests
// takes one as a parameter; this is the real one.
#include <cstdint>
#include <ctime>

namespace tcfeed {

inline std::int64_t now_unix() { return static_cast<std::int64_t>(std::time(nullptr)); }

}  // namespace tcfeed
