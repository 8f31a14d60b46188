#pragma once
// What draining one owner's outbox came to, as the run log and `run --once` report it.
#include <cstdint>
#include <string>

namespace tcfeed::pipeline {

struct OwnerOutcome {
  std::string owner;
  std::int64_t delivered = 0;
  std::int64_t rejected = 0;  // new dead letters
  std::int64_t jobs = 0;
  std::int64_t pending_batches = 0;  // left in the outbox
  std::int64_t pending_indicators = 0;
  std::string error;  // why sending stopped or last failed
};

}  // namespace tcfeed::pipeline
