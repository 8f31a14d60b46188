#pragma once
// One daemon per state file (docs/architecture.md, The state file): an exclusive flock on
// `<state path>.lock`, held for the life of the object. The file says who holds it, so a second
// `tcfeed run` can name the holder.
#include <stdexcept>
#include <string>

namespace tcfeed::state {

// Another process (or another open of the lock file in this one) holds the lock; what() names it.
class StateLockedError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class StateLock {
 public:
  // Takes the lock or throws StateLockedError naming the holder; StateError when the lock file
  // cannot be created at all.
  explicit StateLock(const std::string& state_path);
  ~StateLock();
  StateLock(const StateLock&) = delete;
  StateLock& operator=(const StateLock&) = delete;

  // "pid N, host H, since ISO-TIME" as written into the lock file.
  std::string holder() const { return holder_; }

 private:
  std::string lock_path_;
  std::string holder_;
  int fd_ = -1;
};

}  // namespace tcfeed::state
