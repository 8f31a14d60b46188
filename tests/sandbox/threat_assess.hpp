#pragma once
// The sandbox's ThreatAssess values: a documented function of the stored indicator (README.md,
// docs/architecture.md, Testing) so integration tests can assert exact numbers instead of "some score".
//   threatAssessRating     = rating (0 if unset)
//   threatAssessConfidence = confidence (0 if unset)
//   threatAssessScore      = min(1000, 160*rating + 2*confidence + 10*min(tagCount, 5)
//                                      + fnv1a32(summary) % 50), truncated to an integer
#include <cstdint>
#include <string_view>

namespace tcfeed::sandbox {

// FNV-1a, 32 bit (offset basis 2166136261, prime 16777619) over the summary's bytes.
std::uint32_t fnv1a32(std::string_view text);

std::int64_t threat_assess_score(double rating, int confidence, std::size_t tag_count, std::string_view summary);

}  // namespace tcfeed::sandbox
