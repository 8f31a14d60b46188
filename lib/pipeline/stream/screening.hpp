#pragma once
// The stages of the stream that ask only the value and the policy (docs/architecture.md, Stream):
// normalize, the allowlist, the warninglists. They read nothing the rest of the stream writes, so
// the connector's thread can run them while the stream's own thread (stream_thread.hpp) takes the
// previous candidates further.
#include <optional>
#include <string>
#include <string_view>

#include "lib/indicators/reject.hpp"
#include "lib/pipeline/connector/connector.hpp"
#include "lib/pipeline/stream/policy.hpp"

namespace tcfeed::pipeline {

struct Screening {
  indicators::Reject reject = indicators::Reject::None;  // None: the normalized value is valid
  std::optional<std::string_view> allowlisted;           // the drop code, when the allowlist holds it
  const WarninglistInfo* flagged = nullptr;              // the warninglist that holds it, dropping or tagging
};

// Stops at the first stage that drops the value, as the stream does. Asks nothing about a benign
// candidate: it is dropped before any of these.
Screening screen(const Policy& policy, const Candidate& candidate, std::string& normalized);

}  // namespace tcfeed::pipeline
