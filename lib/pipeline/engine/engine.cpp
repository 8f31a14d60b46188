#include "lib/pipeline/engine/engine.hpp"

#include <random>

#include <spdlog/spdlog.h>

#include "lib/core/counted.hpp"
#include "lib/pipeline/delivery/platform.hpp"
#include "lib/pipeline/engine/schedule.hpp"
#include "lib/pipeline/stream/reasons.hpp"

namespace tcfeed::pipeline {
namespace {

// How often the owners and the API user's permissions are read again (docs/threatconnect.md, Owners), and how
// soon again after the platform failed to answer.
constexpr std::chrono::minutes kOwnersRefresh{60};
constexpr std::chrono::seconds kPlatformFirstRetry{5};
constexpr std::chrono::seconds kPlatformLongestRetry{60};

}  // namespace

Engine::Engine(const config::Config& config, const ConnectorRegistry& registry, state::StateStore& state,
               telemetry::TelemetryEvents& events, EngineClock& clock)
    : config_(config), state_(state), events_(events), clock_(clock), policy_(build_policy(config)) {
  std::set<std::string> owners;
  for (const auto& connector : config.connectors) {
    connectors_.push_back(make_slot(connector, config, registry));
    owners.insert(connector.owner);
  }
  // Batches queued for an owner no connector names any more are still owed to it.
  for (auto& owner : state.outbox_owners()) owners.insert(std::move(owner));
  owner_names_.assign(owners.begin(), owners.end());
  for (const auto& owner : owner_names_) owner_slots_[owner];
}

std::unique_ptr<Engine::ConnectorSlot> Engine::make_slot(const config::ConnectorConfig& connector,
                                                         const config::Config& config,
                                                         const ConnectorRegistry& registry) {
  auto slot = std::make_unique<ConnectorSlot>();
  slot->config = &connector;
  slot->connector = registry.create(connector, config);
  slot->stripped_tags = registry.find(connector.type)->stripped_tags;
  slot->status.name = connector.name;
  slot->status.type = connector.type;
  slot->status.owner = connector.owner;
  slot->status.every_seconds = std::chrono::duration_cast<std::chrono::seconds>(connector.schedule.every).count();
  return slot;
}

void Engine::spawn(std::function<void()> body) {
  {
    std::lock_guard lock(mutex_);  // the threads already started count down under it
    ++running_;
  }
  threads_.emplace_back([this, body = std::move(body)] {
    body();
    std::lock_guard lock(mutex_);
    --running_;
    finished_.notify_all();
  });
}

Engine::~Engine() {
  if (!threads_.empty()) stop(std::chrono::milliseconds(0));
}

void Engine::start() {
  {
    std::lock_guard lock(mutex_);
    started_unix_ = clock_.now_unix();
    started_ = true;
  }
  // Here, not in the constructor: a reload that fails after building this engine keeps the old one.
  std::vector<std::pair<std::string, std::chrono::seconds>> scheduled;
  for (const auto& slot : connectors_) {
    scheduled.emplace_back(slot->config->name,
                           std::chrono::duration_cast<std::chrono::seconds>(slot->config->schedule.every));
  }
  events_.connectors_scheduled(scheduled, dropped_codes(*policy()));
  events_.owners_known(owner_names_);
  spawn([this] { run_platform(); });
  for (auto& slot : connectors_) spawn([this, slot = slot.get()] { run_connector(*slot); });
  const int senders = std::max(1, config_.batch.jobs_in_flight);
  for (const auto& owner : owner_names_) {
    for (int i = 0; i < senders; ++i) spawn([this, owner] { run_sender(owner); });
  }
}

bool Engine::stop(std::chrono::milliseconds grace) {
  std::unique_lock lock(mutex_);
  if (!stopping_) {
    stopping_ = true;
    stop_deadline_ = clock_.now() + grace;
    std::size_t delivering = 0;
    for (const auto& [owner, slot] : owner_slots_) delivering += slot.in_flight.size();
    if (delivering > 0) {
      spdlog::info("{} being delivered may finish within shutdown_grace ({} s)",
                   counted(delivering, "batch", "batches"),
                   std::chrono::duration_cast<std::chrono::seconds>(grace).count());
    }
  }
  fetch_stop_.request_stop();
  wake_.notify_all();
  const bool all_done = finished_.wait_for(lock, grace, [this] { return running_ == 0; });
  lock.unlock();
  if (all_done) {
    for (auto& thread : threads_) thread.join();
  } else {
    // A poll or request still in flight holds nothing that is not safe in the state file; the
    // caller exits without waiting for it.
    for (auto& thread : threads_) thread.detach();
  }
  threads_.clear();
  return all_done;
}

bool Engine::sleep_until(std::unique_lock<std::mutex>& lock, EngineClock::TimePoint deadline) {
  clock_.wait_until(lock, wake_, deadline, [this] { return stopping_; });
  return !stopping_;
}

bool Engine::wait_for_work(std::unique_lock<std::mutex>& lock, EngineClock::TimePoint deadline) {
  const std::uint64_t seen = work_generation_;
  clock_.wait_until(lock, wake_, deadline, [this, seen] { return stopping_ || work_generation_ != seen; });
  return !stopping_;
}

EngineClock::TimePoint Engine::deadline_at(std::int64_t unix_time) {
  return clock_.now() + std::chrono::seconds(std::max<std::int64_t>(0, unix_time - clock_.now_unix()));
}

void Engine::notify_work() {
  ++work_generation_;
  wake_.notify_all();
}

std::shared_ptr<const Policy> Engine::policy() const {
  std::lock_guard lock(mutex_);
  return policy_;
}

void Engine::stoppable_sleep(std::chrono::milliseconds wait) {
  std::unique_lock lock(mutex_);
  if (!sleep_until(lock, clock_.now() + wait)) throw StopRequested{};
}

void Engine::delivery_sleep(std::chrono::milliseconds wait) {
  std::unique_lock lock(mutex_);
  const auto until = clock_.now() + wait;
  // Waking up after the grace would find the process gone: give up now, the job stays recorded.
  const auto past_grace = [this, until] { return stopping_ && until > stop_deadline_; };
  clock_.wait_until(lock, wake_, until, past_grace);
  if (past_grace()) throw StopRequested{};
}

std::unique_ptr<threatconnect::ApiClient> Engine::platform_client(bool for_delivery) {
  auto api = connect_platform(config_);
  if (for_delivery) {
    api->set_sleep([this](std::chrono::milliseconds wait) { delivery_sleep(wait); });
  } else {
    api->set_sleep([this](std::chrono::milliseconds wait) { stoppable_sleep(wait); });
  }
  return api;
}

void Engine::run_platform() {
  auto api = platform_client();
  auto retry = kPlatformFirstRetry;
  for (;;) {
    try {
      OwnerChecker checker;
      checker.load(*api);
      auto policy = build_policy(config_);
      add_platform_attack_names(*policy, config_, *api, state_);
      std::lock_guard lock(mutex_);
      owners_ = std::move(checker);
      policy_ = std::move(policy);
      platform_problem_.clear();
      stopped_all_until_ = 0;
      notify_work();
    } catch (const StopRequested&) {
      return;
    } catch (const state::StateError& error) {
      events_.state_failed(error.what());
      return;
    } catch (const std::exception& error) {
      std::lock_guard lock(mutex_);
      platform_problem_ = std::string("ThreatConnect: ") + error.what();
      spdlog::error("{}; trying again in {} s", platform_problem_, retry.count());
    }
    std::unique_lock lock(mutex_);
    const bool failed = !platform_problem_.empty();
    // A reload asks for the owners (a new connector's) and the allowlist files again at once.
    clock_.wait_until(lock, wake_, clock_.now() + (failed ? retry : kOwnersRefresh),
                      [this] { return stopping_ || platform_refresh_requested_; });
    if (stopping_) return;
    platform_refresh_requested_ = false;
    retry = failed ? std::min(retry * 2, kPlatformLongestRetry) : kPlatformFirstRetry;
  }
}

StatusSnapshot Engine::status() const {
  StatusSnapshot snapshot;
  snapshot.now_unix = clock_.now_unix();
  const auto backlog = state_.backlog();
  std::lock_guard lock(mutex_);
  snapshot.started_unix = started_unix_;
  for (const auto& slot : connectors_) {
    snapshot.connectors.push_back(slot->status);
    auto& connector = snapshot.connectors.back();
    connector.recent_runs = events_.history().runs(connector.name);
    if (auto why = connector_health(connector, snapshot.now_unix); !why.empty()) {
      snapshot.degraded.push_back(connector.name + ": " + why);
    }
  }
  for (const auto& [name, slot] : owner_slots_) {
    OwnerStatus owner;
    owner.name = name;
    owner.delivered_total = static_cast<std::uint64_t>(slot.sending.delivered);
    owner.rejected_total = static_cast<std::uint64_t>(slot.sending.rejected);
    owner.stopped = slot.sending.stopped;
    owner.backlog_history = events_.history().backlog(name);
    if (owner.stopped.empty() && stopped_all_until_ > snapshot.now_unix) owner.stopped = platform_problem_;
    for (const auto& entry : backlog) {
      if (entry.owner != name) continue;
      owner.outbox_batches = static_cast<std::uint64_t>(entry.batches);
      owner.outbox_indicators = static_cast<std::uint64_t>(entry.indicators);
      owner.oldest_pending_unix = entry.oldest_created_unix;
      owner.dead_letters = static_cast<std::uint64_t>(entry.dead_letters);
    }
    if (!owner.stopped.empty()) snapshot.problems.push_back("owner '" + name + "': " + owner.stopped);
    snapshot.owners.push_back(std::move(owner));
  }
  if (!platform_problem_.empty()) {
    snapshot.problems.insert(snapshot.problems.begin(), platform_problem_);
  } else if (!owners_) {
    snapshot.problems.insert(snapshot.problems.begin(), "ThreatConnect: waiting for its first answer");
  }
  snapshot.ready = snapshot.problems.empty() && !stopping_;
  if (stopping_) snapshot.problems.emplace_back("stopping");
  return snapshot;
}

}  // namespace tcfeed::pipeline
