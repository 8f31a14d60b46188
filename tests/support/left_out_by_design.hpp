#pragma once
// For the connectors' golden-line test sinks: the skips an incremental poll makes by design are
// counted apart from the lines, so a golden file stays the records a poll had to decide about.
#include "lib/pipeline/connector/unmapped.hpp"

namespace tcfeed::testing_support {

// already_read, before_backfill, filtered: a poll's cursor, backfill and filter at work.
inline bool left_out_by_design(pipeline::Unmapped reason) {
  return reason == pipeline::Unmapped::AlreadyRead || reason == pipeline::Unmapped::BeforeBackfill ||
         reason == pipeline::Unmapped::Filtered;
}

}  // namespace tcfeed::testing_support
