#pragma once
// The state store's one error type. An I/O, full-disk, corruption or schema problem, or a broken
// invariant (a run or batch that is not there): the daemon stops on it rather than guessing, and
// systemd restarts it.
#include <stdexcept>

namespace tcfeed::state {

class StateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace tcfeed::state
