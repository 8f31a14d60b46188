#pragma once
// The time the Engine schedules by, and how its threads wait for it. The daemon runs on the
// system's clocks; a test passes one that moves only when told, so an hourly schedule is tested
// without waiting an hour, and a stop is seen to end a wait that would otherwise go on.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>

namespace tcfeed::pipeline {

class EngineClock {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  virtual ~EngineClock() = default;
  // Wall-clock seconds: what the status page shows and the state file stores.
  virtual std::int64_t now_unix() = 0;
  // Monotonic: what the engine's waits are measured against.
  virtual TimePoint now() = 0;
  // Waits on `wake`, whose mutex `lock` holds, until `done()` holds (checked under the lock, at
  // once and after every notify) or `deadline` passes; returns done().
  virtual bool wait_until(std::unique_lock<std::mutex>& lock, std::condition_variable& wake, TimePoint deadline,
                          const std::function<bool()>& done) = 0;
};

// std::time, std::chrono::steady_clock and a plain condition-variable wait.
EngineClock& system_engine_clock();

}  // namespace tcfeed::pipeline
