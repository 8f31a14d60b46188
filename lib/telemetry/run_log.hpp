#pragma once
// The log lines that close a poll and a delivery: every count with its reason, so nothing is
// dropped without a trace.
#include <string_view>

#include "lib/pipeline/delivery/owner_outcome.hpp"
#include "lib/pipeline/run/connector_outcome.hpp"

namespace tcfeed::telemetry {

// `one` and `many`: what the poll's documents became, for a count of one and any other
// ("batch queued", "batches queued"; "document written (dry run)", "documents written (dry run)").
void log_poll(const pipeline::ConnectorOutcome& outcome, std::string_view one, std::string_view many);
void log_delivery(const pipeline::OwnerOutcome& outcome);

}  // namespace tcfeed::telemetry
