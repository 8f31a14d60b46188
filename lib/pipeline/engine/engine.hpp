#pragma once
// The long-running daemon's pipeline (docs/architecture.md, Threads): one thread per connector polls on its schedule
// into the outbox, so a slow source never delays another; per owner, `batch.jobs_in_flight`
// threads drain the outbox to the platform, pausing an owner that fails (a circuit that probes
// with one batch when the backoff ends) and stopping it, data kept, on a permission or credential
// refusal; a platform thread checks owners and refreshes the ATT&CK names. Everything an operator
// sees — status page, /readyz, metrics — is read from here.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "lib/config/config.hpp"
#include "lib/pipeline/connector/connector_registry.hpp"
#include "lib/pipeline/delivery/owner_check.hpp"
#include "lib/pipeline/engine/apply_outcome.hpp"
#include "lib/pipeline/engine/config_diff.hpp"
#include "lib/pipeline/engine/engine_clock.hpp"
#include "lib/pipeline/engine/status.hpp"
#include "lib/pipeline/run/connector_run.hpp"
#include "lib/pipeline/source/source_ask.hpp"
#include "lib/pipeline/stream/policy.hpp"
#include "lib/state/state_store.hpp"
#include "lib/telemetry/telemetry_events.hpp"
#include "lib/threatconnect/api_client.hpp"

namespace tcfeed::pipeline {

class Engine {
 public:
  // Builds every connector (throws config::ConfigError); starts nothing yet. Schedules, backoffs
  // and job polls wait on `clock` (tests pass one they move by hand); the platform's request
  // signatures always use the real time.
  Engine(const config::Config& config, const ConnectorRegistry& registry, state::StateStore& state,
         telemetry::TelemetryEvents& events, EngineClock& clock = system_engine_clock());
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  void start();
  // Stops scheduling and waits up to `grace` for what is in flight: a download is cut at once (its
  // poll commits nothing), a poll already reading its data commits, and a batch being delivered is
  // seen through — its job polled to completion and the result recorded — unless that would take
  // longer than the grace. False when something is still running then (it holds nothing that is
  // not safe in the state file: the caller may exit).
  bool stop(std::chrono::milliseconds grace);

  // Connectors, owners and problems as they are now (outbox figures read from the state file).
  StatusSnapshot status() const;

  // A reload that changes only connectors (docs/architecture.md, Reload (SIGHUP)): `next` has the
  // same settings outside `connectors` as the running configuration (config_diff.hpp says so;
  // otherwise the caller builds a new engine). The connectors `changes` names as changed or
  // removed stop — a download in flight is cut, a poll reading its data commits first — and the
  // changed and added ones start from `next` once their predecessor's thread has returned, so two
  // polls of one connector never overlap. The others keep their schedules, polls and seen sets.
  // Every new connector is built before anything changes: a throw (config::ConfigError) leaves
  // the engine as it was. The platform thread reads the owners and the allowlist files again.
  void reconfigure(std::shared_ptr<const config::Config> next, const ConnectorRegistry& registry,
                   const std::vector<ConnectorChange>& changes);

  enum class PollRequest { Started, AlreadyRunning, AskedToWait, Unknown, Stopping };
  // Wakes one connector's thread to poll now (`tcfeed poll`, POST /poll/NAME), ahead of its
  // schedule or backoff — but not while it polls, nor while its source asked to wait (Retry-After).
  PollRequest poll_now(const std::string& connector);

 private:
  struct ConnectorSlot {
    // The configuration `config` lives in when it is not the engine's own (a reload's).
    std::shared_ptr<const config::Config> holds;
    const config::ConnectorConfig* config = nullptr;
    std::unique_ptr<Connector> connector;
    std::span<const std::string> stripped_tags;
    ConnectorMemory memory;
    ConnectorStatus status;
    int failures = 0;
    SourceAsk asked;  // what the source asked when it refused the last poll
    // Until when the source said the list its last poll read stays as it is (PollResult::expires_unix).
    std::optional<std::int64_t> expires_unix;
    // Under mutex_: a reload stopped this connector (retired), its thread returned (finished), a
    // poll was asked for now; the slot whose thread must return before this one polls.
    bool retired = false;
    bool finished = false;
    bool poll_requested = false;
    ConnectorSlot* predecessor = nullptr;
    std::stop_source fetch_stop;  // cuts this connector's download: the engine stops, or a reload retires it
  };
  struct OwnerSlot {
    std::set<std::int64_t> in_flight;  // batch ids being delivered
    OwnerSending sending;              // counts, and the circuit: paused until, stopped because
  };

  void run_connector(ConnectorSlot& slot);
  void connector_loop(ConnectorSlot& slot);
  void spawn(std::function<void()> body);  // a thread counted in running_
  std::unique_ptr<ConnectorSlot> make_slot(const config::ConnectorConfig& connector, const config::Config& config,
                                           const ConnectorRegistry& registry);
  void add_owner(const std::string& owner);  // with mutex_ held; its senders once started
  void poll_once(ConnectorSlot& slot);
  void run_sender(const std::string& owner);
  void run_platform();
  // Both return false when the engine is stopping. sleep_until wakes only for that; wait_for_work
  // also when notify_work() says there is something new (a committed poll, a finished batch).
  bool sleep_until(std::unique_lock<std::mutex>& lock, EngineClock::TimePoint deadline);
  bool wait_for_work(std::unique_lock<std::mutex>& lock, EngineClock::TimePoint deadline);
  // The monotonic time of a wall-clock second (a batch's next attempt), for a wait.
  EngineClock::TimePoint deadline_at(std::int64_t unix_time);
  void notify_work();  // with mutex_ held
  // Thrown out of a wait (a client's retry backoff, a job poll) when the engine stops, so that
  // SIGTERM is not held up by a retry loop; not a std::exception, so no handler on the way takes it
  // for a failure.
  struct StopRequested {};
  void stoppable_sleep(std::chrono::milliseconds wait);
  // A wait inside a delivery (a job poll, a retry's backoff). A stop does not end it: a batch
  // whose job is under way is seen through to its result within shutdown_grace. It throws
  // StopRequested only when the wait would end after the grace, at once rather than at its end.
  void delivery_sleep(std::chrono::milliseconds wait);
  // A ThreatConnect client whose retry waits end when the engine stops (the platform thread's),
  // or go on within the grace (`for_delivery`: a sender's).
  std::unique_ptr<threatconnect::ApiClient> platform_client(bool for_delivery = false);
  std::shared_ptr<const Policy> policy() const;

  const config::Config& config_;
  state::StateStore& state_;
  telemetry::TelemetryEvents& events_;
  EngineClock& clock_;
  std::vector<std::unique_ptr<ConnectorSlot>> connectors_;
  // Slots a reload stopped, kept until the engine goes: their threads may still be returning.
  std::vector<std::unique_ptr<ConnectorSlot>> retired_;
  std::vector<std::string> owner_names_;

 public:
  // The owners this engine sends to: its connectors' and those with batches left in the outbox.
  const std::vector<std::string>& owners() const { return owner_names_; }

 private:
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  EngineClock::TimePoint stop_deadline_;  // once stopping_: the end of shutdown_grace
  // Requested by stop(): cuts a download in flight at once (lib/pipeline/source/fetch_stop.hpp).
  std::stop_source fetch_stop_;
  std::uint64_t work_generation_ = 0;
  std::shared_ptr<const Policy> policy_;
  std::optional<OwnerChecker> owners_;  // set once the platform answered
  std::string platform_problem_;        // credentials refused, platform unreachable
  std::int64_t stopped_all_until_ = 0;  // a credential refusal pauses every owner
  std::map<std::string, OwnerSlot, std::less<>> owner_slots_;
  // Under mutex_: the status page reads it from the HTTP thread, and a reload starts the new
  // engine while that thread may be reading it.
  std::int64_t started_unix_ = 0;

  bool started_ = false;                     // under mutex_
  bool platform_refresh_requested_ = false;  // under mutex_: a reload wants owners and policy read again
  std::vector<std::thread> threads_;
  std::size_t running_ = 0;  // threads that have not returned yet; under mutex_
  std::condition_variable finished_;
};

}  // namespace tcfeed::pipeline
