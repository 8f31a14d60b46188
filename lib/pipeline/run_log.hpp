#pragma once
// The log lines that close a poll and a delivery: every count with its reason, so nothing is
// dropped without a trace.
#include <string_view>

#include "lib/pipeline/run_once.hpp"

namespace tcfeed::pipeline {

// `documents`: what the poll's documents became ("batches queued", "documents written (dry run)").
void log_poll(const ConnectorOutcome& outcome, std::string_view documents);
void log_delivery(const OwnerOutcome& outcome);

}  // namespace tcfeed::pipeline
