#include "tests/sandbox/threat_assess.hpp"

#include <algorithm>
#include <cmath>

namespace tcfeed::sandbox {

std::uint32_t fnv1a32(std::string_view text) {
  std::uint32_t hash = 2166136261u;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619u;
  }
  return hash;
}

std::int64_t threat_assess_score(double rating, int confidence, std::size_t tag_count, std::string_view summary) {
  const double raw = 160.0 * rating + 2.0 * confidence +
                     10.0 * static_cast<double>(std::min<std::size_t>(tag_count, 5)) +
                     static_cast<double>(fnv1a32(summary) % 50u);
  return static_cast<std::int64_t>(std::floor(std::min(1000.0, raw)));
}

}  // namespace tcfeed::sandbox
