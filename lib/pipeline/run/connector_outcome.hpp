#pragma once
// What one poll of one connector came to, as the run log, /metrics and the status page report it.
#include <string>

#include "lib/pipeline/stream/counters.hpp"

namespace tcfeed::pipeline {

struct ConnectorOutcome {
  std::string name;
  std::string owner;
  RunCounters counters;
  bool not_modified = false;
  std::string error;  // why the poll failed; empty on success
  // Why a full list's removals were withheld (lib/pipeline/run/connector_run.hpp); empty when not.
  std::string removals_withheld;
};

}  // namespace tcfeed::pipeline
