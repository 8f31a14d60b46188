#include "lib/pipeline/stream/screening.hpp"

#include "lib/indicators/normalize.hpp"

namespace tcfeed::pipeline {

Screening screen(const Policy& policy, const Candidate& candidate, std::string& normalized) {
  Screening screening;
  if (candidate.benign) return screening;
  screening.reject = indicators::normalize(candidate.type, candidate.value, normalized);
  if (screening.reject != indicators::Reject::None) return screening;
  screening.allowlisted = policy.allowlist.match(candidate.type, normalized);
  if (!screening.allowlisted) screening.flagged = policy.warninglists.match(candidate.type, normalized);
  return screening;
}

}  // namespace tcfeed::pipeline
