#include "lib/pipeline/engine/engine_clock.hpp"

#include "lib/core/unix_time.hpp"

namespace tcfeed::pipeline {
namespace {

class SystemEngineClock final : public EngineClock {
 public:
  std::int64_t now_unix() override { return tcfeed::now_unix(); }
  TimePoint now() override { return std::chrono::steady_clock::now(); }
  bool wait_until(std::unique_lock<std::mutex>& lock, std::condition_variable& wake, TimePoint deadline,
                  const std::function<bool()>& done) override {
    return wake.wait_until(lock, deadline, done);
  }
};

}  // namespace

EngineClock& system_engine_clock() {
  static SystemEngineClock clock;
  return clock;
}

}  // namespace tcfeed::pipeline
