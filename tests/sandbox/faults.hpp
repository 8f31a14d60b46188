#pragma once
// Fault injection, in one place: the rules of fault_rule.hpp in order, plus the faults that act on
// authentication (a server clock offset, every signature rejected) and on owners (batch jobs
// denied). Set from the command line and changed at run time through /_sandbox/faults.
#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "lib/core/json_writer.hpp"
#include "tests/sandbox/fault_rule.hpp"
#include "tests/sandbox/http_types.hpp"
#include "tests/sandbox/options.hpp"

namespace tcfeed::sandbox {

using OwnerNames = std::set<std::string, std::less<>>;

struct FaultDecision {
  std::optional<Response> response;    // answer this instead of the real handler
  std::chrono::milliseconds delay{0};  // wait this long before answering
  // Cut: send the header and this many body bytes, then close (-1: close without answering).
  std::optional<std::int64_t> cut_after;
  // Trickle: the real answer, its body sent this many bytes at a time, this far apart.
  std::optional<std::pair<std::int64_t, std::chrono::milliseconds>> trickle;
  bool any() const { return response || delay.count() > 0 || cut_after || trickle; }
};

class FaultInjector {
 public:
  // Throws std::invalid_argument on a bad --fault.
  explicit FaultInjector(const Options& options);

  // Consulted for every request that passed authentication (and for /files), in arrival order.
  // `now` is the server clock (offset applied), for the HTTP-date form of Retry-After.
  FaultDecision decide(std::string_view method, std::string_view path, std::int64_t now);

  std::int64_t clock_offset() const { return clock_offset_; }
  bool bad_signature() const { return bad_signature_; }
  const OwnerNames& denied_owners() const { return denied_owners_; }

  // POST /_sandbox/faults: adds rules and sets the fields present. Error text if the body is bad
  // (then nothing changes).
  std::optional<std::string> apply_json(std::string_view body);
  // DELETE /_sandbox/faults: no rules, no offset, signatures checked, no owner denied.
  void clear();
  void write_json(JsonWriter& json) const;

 private:
  std::string api_root_;
  std::vector<FaultRule> rules_;
  std::int64_t clock_offset_ = 0;
  bool bad_signature_ = false;
  OwnerNames denied_owners_;
};

}  // namespace tcfeed::sandbox
