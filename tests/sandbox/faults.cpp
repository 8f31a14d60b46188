#include "tests/sandbox/faults.hpp"

namespace tcfeed::sandbox {

FaultInjector::FaultInjector(const Options& options)
    : fail_first_remaining_(options.fail_first), fail_status_(options.fail_status) {}

FaultDecision FaultInjector::on_authenticated_request(const Request& /*request*/) {
  FaultDecision decision;
  if (fail_first_remaining_ > 0) {
    --fail_first_remaining_;
    decision.response = failure(fail_status_, "injected");
  }
  return decision;
}

}  // namespace tcfeed::sandbox
