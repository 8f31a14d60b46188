#include "tests/unit/engine/manual_clock.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <thread>

namespace tcfeed::pipeline::testing {

std::int64_t ManualClock::now_unix() { return start_unix_ + offset_ms_.load() / 1000; }

EngineClock::TimePoint ManualClock::now() {
  // Any fixed origin does: the engine only adds to now() and compares.
  return TimePoint(std::chrono::hours(1)) + std::chrono::milliseconds(offset_ms_.load());
}

bool ManualClock::wait_until(std::unique_lock<std::mutex>& lock, std::condition_variable& wake, TimePoint deadline,
                             const std::function<bool()>& done) {
  Waiter self{&wake, lock.mutex(), deadline, &done};
  {
    std::lock_guard guard(mutex_);
    waiters_.push_back(&self);
  }
  // Registered before the time is read: an advance either sees this waiter and wakes it, or
  // happened before and its time is what now() reads here.
  while (!done() && now() < deadline) wake.wait(lock);
  {
    std::lock_guard guard(mutex_);
    std::erase(waiters_, &self);
  }
  return done();
}

void ManualClock::advance(std::chrono::milliseconds by) {
  offset_ms_ += by.count();
  wake_all();
}

void ManualClock::wake_all() {
  std::vector<std::pair<std::mutex*, std::condition_variable*>> targets;
  {
    std::lock_guard guard(mutex_);
    for (const auto* waiter : waiters_) targets.emplace_back(waiter->mutex, waiter->wake);
  }
  // Under the waiter's mutex: a waiter between its check and its wait holds it, so the notify
  // cannot fall between the two and be lost.
  for (const auto& [mutex, wake] : targets) {
    std::lock_guard guard(*mutex);
    wake->notify_all();
  }
}

bool ManualClock::quiet(std::size_t threads) {
  std::mutex* engine_mutex = nullptr;
  {
    std::lock_guard guard(mutex_);
    if (waiters_.size() != threads) return false;
    engine_mutex = waiters_.front()->mutex;
  }
  std::lock_guard engine(*engine_mutex);  // the waiters' order: theirs first, then this clock's
  std::lock_guard guard(mutex_);
  if (waiters_.size() != threads) return false;
  const TimePoint time = now();
  for (const auto* waiter : waiters_) {
    if (waiter->mutex != engine_mutex) throw std::logic_error("ManualClock: waiters on different mutexes");
    if ((*waiter->done)() || time >= waiter->deadline) return false;
  }
  return true;
}

void ManualClock::settle(std::size_t threads) {
  settle_unless(threads, [] { return false; });
}

bool ManualClock::settle_unless(std::size_t threads, const std::function<bool()>& instead) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!quiet(threads)) {
    if (instead()) return false;
    if (std::chrono::steady_clock::now() > give_up) {
      std::size_t waiting = 0;
      {
        std::lock_guard guard(mutex_);
        waiting = waiters_.size();
      }
      throw std::runtime_error("ManualClock: " + std::to_string(waiting) + " threads waiting after 10 s, expected " +
                               std::to_string(threads) + " all idle");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

std::chrono::milliseconds ManualClock::advance_to_next_deadline() {
  std::chrono::milliseconds by{0};
  {
    std::lock_guard guard(mutex_);
    if (waiters_.empty()) return by;
    const auto earliest = std::min_element(waiters_.begin(), waiters_.end(),
                                           [](const Waiter* a, const Waiter* b) { return a->deadline < b->deadline; });
    by = std::max(std::chrono::milliseconds(0),
                  std::chrono::ceil<std::chrono::milliseconds>((*earliest)->deadline - now()));
  }
  advance(by);
  return by;
}

bool ManualClock::run_until(std::size_t threads, const std::function<bool()>& done, std::chrono::milliseconds limit) {
  const auto until = elapsed() + limit;
  for (;;) {
    settle(threads);
    if (done()) return true;
    if (elapsed() > until) return false;
    advance_to_next_deadline();
  }
}

}  // namespace tcfeed::pipeline::testing
