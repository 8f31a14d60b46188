#pragma once
// Fault injection, in one place so a new fault kind (429 with Retry-After, slow or cut responses)
// is one more rule here plus its option, and the server already knows how to act on a decision.
#include <chrono>
#include <cstdint>
#include <optional>

#include "tests/sandbox/http_types.hpp"
#include "tests/sandbox/options.hpp"

namespace tcfeed::sandbox {

struct FaultDecision {
  std::optional<Response> response;        // answer this instead of the real handler
  std::chrono::milliseconds delay{0};      // wait this long before answering
  bool cut_connection = false;             // close the connection without answering
  bool any() const { return response || delay.count() > 0 || cut_connection; }
};

class FaultInjector {
public:
  explicit FaultInjector(const Options& options);

  // Consulted for every request that passed authentication, in arrival order.
  FaultDecision on_authenticated_request(const Request& request);

private:
  std::int64_t fail_first_remaining_;
  int fail_status_;
};

}  // namespace tcfeed::sandbox
