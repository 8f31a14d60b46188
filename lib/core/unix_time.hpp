#pragma once
// Wall-clock seconds since the epoch: what the state file stores (run stamps, next attempts,
// mentions) and what the platform's signatures use. Code that needs a different clock in tests
// takes one as a parameter; this is the real one.
#include <cstdint>
#include <ctime>
#include <string>

namespace tcfeed {

inline std::int64_t now_unix() { return static_cast<std::int64_t>(std::time(nullptr)); }

// "2026-12-06T10:20:00Z": how a unix time is shown to people (the state, the audit, `tcfeed why`).
inline std::string utc_text(std::int64_t unix_seconds) {
  const auto time = static_cast<std::time_t>(unix_seconds);
  std::tm parts{};
  gmtime_r(&time, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

}  // namespace tcfeed
