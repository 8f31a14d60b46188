#pragma once
// An EngineClock that moves only when the test moves it. It knows who waits on it and until when,
// so a test can let the engine's threads run until each of them waits with nothing to wake it
// (settle), then jump to the next deadline one of them has: the engine runs a simulated hour in
// milliseconds, and a wait the engine should not need (a stop that does not end its sleeps) shows
// as a hang the test catches instead of a slow pass.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <vector>

#include "lib/pipeline/engine/engine_clock.hpp"

namespace tcfeed::pipeline::testing {

class ManualClock final : public EngineClock {
 public:
  explicit ManualClock(std::int64_t start_unix) : start_unix_(start_unix) {}

  std::int64_t now_unix() override;
  TimePoint now() override;
  bool wait_until(std::unique_lock<std::mutex>& lock, std::condition_variable& wake, TimePoint deadline,
                  const std::function<bool()>& done) override;

  std::chrono::milliseconds elapsed() const { return std::chrono::milliseconds(offset_ms_.load()); }
  void advance(std::chrono::milliseconds by);
  // Waits, in real time (at most 10 s, then throws), until exactly `threads` threads wait on this
  // clock and none of them can go on: its condition is false and its deadline not reached.
  void settle(std::size_t threads);
  // As settle, but gives up (false) as soon as `instead` holds: for a thread that ends rather
  // than waits again.
  bool settle_unless(std::size_t threads, const std::function<bool()>& instead);
  // Moves to the earliest deadline among the waiters (after settle); returns how far it moved.
  std::chrono::milliseconds advance_to_next_deadline();
  // settle, check `done`, advance to the next deadline, until `done` holds after a settle (true) or
  // more than `limit` of simulated time has passed (false).
  bool run_until(std::size_t threads, const std::function<bool()>& done, std::chrono::milliseconds limit);

 private:
  struct Waiter {
    std::condition_variable* wake;
    std::mutex* mutex;
    TimePoint deadline;
    const std::function<bool()>* done;
  };
  bool quiet(std::size_t threads);
  void wake_all();

  const std::int64_t start_unix_;
  std::atomic<std::int64_t> offset_ms_{0};
  std::mutex mutex_;  // taken after a waiter's own mutex, never before it
  std::vector<Waiter*> waiters_;
};

}  // namespace tcfeed::pipeline::testing
