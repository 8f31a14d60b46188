#include "daemon/daemon_process.hpp"

#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <thread>
#include <vector>

#include <spdlog/spdlog.h>

#include "connectors/builtin_connectors.hpp"
#include "daemon/export_set.hpp"
#include "daemon/exports_endpoint.hpp"
#include "daemon/poll_endpoint.hpp"
#include "daemon/status_endpoints.hpp"
#include "daemon/systemd_notify.hpp"
#include "lib/config/config_error.hpp"
#include "lib/core/counted.hpp"
#include "lib/core/log.hpp"
#include "lib/core/unix_time.hpp"
#include "lib/net/server_tls.hpp"
#include "lib/pipeline/delivery/platform.hpp"
#include "lib/pipeline/engine/config_diff.hpp"
#include "lib/pipeline/engine/engine.hpp"
#include "lib/pipeline/engine/validated_config.hpp"
#include "lib/state/state_lock.hpp"

namespace tcfeed::daemon {
namespace {

constexpr std::chrono::seconds kStatusEvery{10};

sigset_t handled_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  return set;
}

bool stop_signal_pending() {
  sigset_t pending;
  sigpending(&pending);
  return sigismember(&pending, SIGTERM) == 1 || sigismember(&pending, SIGINT) == 1;
}

// Where the status page (or the exports) is, with the port the kernel picked when the address said 0.
std::string listener_url(const char* scheme, const std::string& listen, std::uint16_t port, const char* path) {
  const auto address = net::parse_listen_address(listen);
  const bool v6 = address.host.find(':') != std::string::npos;
  return std::string(scheme) + "://" + (v6 ? "[" + address.host + "]" : address.host) + ":" + std::to_string(port) +
         path;
}

std::string status_line(const pipeline::StatusSnapshot& snapshot) {
  std::uint64_t batches = 0;
  for (const auto& owner : snapshot.owners) batches += owner.outbox_batches;
  std::string line = counted(snapshot.connectors.size(), "connector", "connectors") + ", " +
                     counted(batches, "batch", "batches") + " in the outbox";
  if (!snapshot.problems.empty()) {
    line += "; " + snapshot.problems.front();
  } else if (!snapshot.degraded.empty()) {
    line += "; degraded: " + snapshot.degraded.front();
  }
  return line;
}

void register_outbox_gauges(telemetry::Metrics& metrics, state::StateStore& state,
                            const std::vector<std::string>& owners) {
  for (const auto& owner : owners) {
    const auto read = [&state, owner](auto field) {
      return [&state, owner, field]() -> double {
        for (const auto& entry : state.backlog()) {
          if (entry.owner == owner) return field(entry);
        }
        return 0;
      };
    };
    const telemetry::Labels labels{{"owner", owner}};
    metrics.gauge_callback("tcfeed_outbox_batches", "Batches waiting in the outbox", labels,
                           read([](const state::OwnerBacklog& b) { return static_cast<double>(b.batches); }));
    metrics.gauge_callback("tcfeed_outbox_indicators", "Indicators waiting in the outbox", labels,
                           read([](const state::OwnerBacklog& b) { return static_cast<double>(b.indicators); }));
    metrics.gauge_callback("tcfeed_outbox_oldest_age_seconds", "Age of the oldest batch waiting in the outbox", labels,
                           read([](const state::OwnerBacklog& b) {
                             return b.oldest_created_unix ? static_cast<double>(now_unix() - *b.oldest_created_unix)
                                                          : 0.0;
                           }));
    metrics.gauge_callback("tcfeed_dead_letters", "Indicators the platform refused, kept for requeue", labels,
                           read([](const state::OwnerBacklog& b) { return static_cast<double>(b.dead_letters); }));
  }
}

// Each owner's outbox, sampled at the status tick for the status page's chart.
void sample_backlog(telemetry::StatusHistory& history, const pipeline::StatusSnapshot& status) {
  for (const auto& owner : status.owners) {
    history.record_backlog(owner.name, {status.now_unix, owner.outbox_indicators, owner.outbox_batches});
  }
}

// WATCHDOG=1 every `every` from a thread of its own while the main loop is busy with a reload.
// systemd keeps the watchdog armed until the READY=1 that ends a reload, and the reload waits up
// to shutdown_grace for polls in flight: a bounded wait, not a hang, so it must not get the
// service killed when WatchdogSec is shorter.
class WatchdogKeepAlive {
 public:
  explicit WatchdogKeepAlive(std::chrono::milliseconds every)
      : thread_([this, every](std::stop_token stop) {
          std::unique_lock lock(mutex_);
          for (;;) {
            wake_.wait_for(lock, stop, every, [] { return false; });
            if (stop.stop_requested()) return;
            systemd::watchdog();
          }
        }) {}

 private:
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::jthread thread_;  // declared last: stopped and joined before the members it waits on go
};

// The engine and the configuration it was built from (a reload that changes only connectors
// keeps both, and the connectors' own configurations with them). A generation whose threads did
// not finish within the grace period on a reload is kept (retired), since those threads still use it.
struct Generation {
  std::shared_ptr<const config::Config> config;
  std::unique_ptr<pipeline::Engine> engine;
};

// One line per changed connector and one for the rest, key names only (config_diff.hpp); the
// exports log their own (ExportSet::apply), so "nothing changed" waits for them.
void log_changes(const pipeline::ConfigDiff& diff, bool exports_changed) {
  const auto keys = [](const std::vector<std::string>& list) {
    std::string text;
    for (const auto& key : list) text += (text.empty() ? "" : ", ") + key;
    return text;
  };
  if (diff.restarts_everything()) {
    spdlog::info("reload: {} changed: every connector and sender restarts", keys(diff.engine_keys));
  }
  if (!diff.daemon_keys.empty()) spdlog::info("reload: {} changed", keys(diff.daemon_keys));
  for (const auto& change : diff.connectors) {
    spdlog::info(
        "reload: connector {} {}{}", change.name, pipeline::describe(change),
        diff.restarts_everything() || change.kind == pipeline::ConnectorChange::Kind::Removed ? "" : ": restarting it");
  }
  if (!diff.restarts_everything() && !diff.unchanged.empty()) {
    spdlog::info("reload: {} unchanged, left running: {}", counted(diff.unchanged.size(), "connector", "connectors"),
                 keys(diff.unchanged));
  }
  if (!diff.restarts_everything() && diff.daemon_keys.empty() && diff.connectors.empty() && !exports_changed) {
    spdlog::info("reload: nothing changed");
  }
}

}  // namespace

int run_daemon(const std::string& config_path) {
  // Before any thread starts, so every thread inherits the mask and only sigtimedwait sees them.
  const sigset_t signals = handled_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  const auto& registry = pipeline::builtin_connectors();
  std::shared_ptr<const config::Config> config =
      std::make_shared<config::Config>(pipeline::load_validated_config(config_path, registry, {}));
  apply_config_log_level(config->log_level);
  apply_config_log_format(config->log_format);
  const state::StateLock lock(config->state_path);
  state::StateStore state(config->state_path, state::StateStore::Mode::ReadWrite);
  if (const auto discarded = state.discard_abandoned_runs(); discarded > 0) {
    spdlog::info("state: {} of polls interrupted before their commit were discarded; those polls run again",
                 counted(discarded, "batch", "batches"));
  }
  telemetry::Metrics metrics;
  // The client libraries' standard name: the alert on a connector that has not succeeded since the
  // start counts from here (deploy/alerts.yaml).
  metrics.gauge("process_start_time_seconds", "Start time of the process since unix epoch in seconds")
      .set(static_cast<double>(std::time(nullptr)));
  telemetry::TelemetryEvents events(metrics);
  StatusGauges gauges(metrics);
  const std::int64_t process_started = now_unix();

  // Exports (docs/exports.md): their lists restored from the state file, so they are served at once.
  ExportSet export_set(state, metrics);
  export_set.apply(config);

  std::vector<Generation> retired;
  Generation current{config, nullptr};
  current.engine = std::make_unique<pipeline::Engine>(*current.config, registry, state, events);
  register_outbox_gauges(metrics, state, current.engine->owners());
  std::shared_ptr<const config::Config> active = config;  // the file last applied, for the daemon's own settings

  std::mutex engine_mutex;                            // the HTTP thread reads the engine the main thread may swap
  std::optional<pipeline::ReloadStatus> last_reload;  // under engine_mutex
  const auto record_reload = [&](std::string error) {
    std::lock_guard guard(engine_mutex);
    last_reload = pipeline::ReloadStatus{now_unix(), std::move(error)};
  };
  const auto snapshot = [&] {
    std::lock_guard guard(engine_mutex);
    auto status = current.engine->status();
    status.version = TCFEED_VERSION;
    status.process_started_unix = process_started;
    status.last_reload = last_reload;
    return status;
  };
  const auto poll_now = [&](const std::string& connector) {
    std::lock_guard guard(engine_mutex);
    return current.engine->poll_now(connector);
  };
  // With http.exports the lists leave the status listener for one of their own, over TLS, which
  // firewalls reach across the network; the status page and /metrics stay on loopback
  // (docs/exports.md, Serving). Its address and certificate are the ones of the start.
  const std::optional<config::ExportsListener> exports_listener = config->exports_listener;
  const auto make_server = [&](const std::string& listen) {
    auto made = std::make_unique<net::HttpServer>(listen, status_endpoints(metrics, gauges, snapshot, [&] {
                                                    return exports_section(export_set, metrics, now_unix());
                                                  }));
    made->set_post_handler(poll_endpoint(poll_now));
    if (!exports_listener) made->set_route("/exports/", exports_endpoint(export_set, metrics));
    made->start();  // throws when the address cannot be bound
    return made;
  };
  gauges.publish(snapshot());  // before the first scrape (docs/architecture.md, Status, readiness and degraded)
  auto server = make_server(active->http_listen);
  std::unique_ptr<net::HttpServer> exports_server;
  if (exports_listener) {
    exports_server = std::make_unique<net::HttpServer>(exports_listener->listen, [](std::string_view,
                                                                                    std::string_view) {
      return net::HttpReply{404, "text/plain; charset=utf-8", "not found; this listener serves /exports/NAME\n", {}};
    });
    exports_server->set_route("/exports/", exports_endpoint(export_set, metrics));
    exports_server->set_tls(net::load_server_tls(exports_listener->tls_cert, exports_listener->tls_key.reveal()));
    try {
      exports_server->start();
    } catch (const std::runtime_error& error) {
      // HttpServer names its setting http.listen; this one is http.exports.listen.
      std::string text = error.what();
      if (text.starts_with("http.listen ")) text.replace(0, 11, "http.exports.listen");
      throw std::runtime_error(text);
    }
  }
  spdlog::info("tcfeed {} running: {}; status on {}", TCFEED_VERSION,
               counted(active->connectors.size(), "connector", "connectors"),
               listener_url("http", active->http_listen, server->port(), "/"));
  if (exports_server) {
    spdlog::info("exports on {} (TLS, certificate {})",
                 listener_url("https", exports_listener->listen, exports_server->port(), "/exports/"),
                 exports_listener->tls_cert);
  }
  current.engine->start();
  export_set.start();
  systemd::ready();

  const auto watchdog = systemd::watchdog_interval();
  auto tick = std::chrono::milliseconds(1000);
  if (watchdog) tick = std::min(tick, std::chrono::duration_cast<std::chrono::milliseconds>(*watchdog / 2));
  auto next_status = std::chrono::steady_clock::now();
  const auto stop_engine = [&](Generation& generation) {
    const auto grace = std::chrono::duration_cast<std::chrono::milliseconds>(active->shutdown_grace);
    if (generation.engine->stop(grace)) return true;
    spdlog::warn(
        "work still in flight after shutdown_grace ({} s) is abandoned; it resumes from the state file "
        "at the next start",
        grace.count() / 1000);
    return false;
  };

  for (;;) {
    timespec timeout{tick.count() / 1000, (tick.count() % 1000) * 1'000'000};
    const int signal = sigtimedwait(&signals, nullptr, &timeout);
    if (watchdog) systemd::watchdog();
    if (events.state_failure()) {
      systemd::stopping();
      const bool finished = current.engine->stop(std::chrono::seconds(2));
      spdlog::critical("stopping: the state database failed ({})", events.state_failure_text());
      if (!finished) {
        // Threads still in flight use what a normal return would destroy.
        spdlog::default_logger()->flush();
        std::_Exit(1);
      }
      return 1;
    }
    if (signal == SIGTERM || signal == SIGINT) {
      spdlog::info("{} received: stopping (shutdown_grace {} s)", signal == SIGTERM ? "SIGTERM" : "SIGINT",
                   std::chrono::duration_cast<std::chrono::seconds>(active->shutdown_grace).count());
      systemd::stopping();
      const bool finished = stop_engine(current);
      server->stop();
      if (exports_server) exports_server->stop();
      export_set.stop();
      spdlog::info("stopped");
      if (!finished) {
        // Threads still in flight use what a normal return would destroy.
        spdlog::default_logger()->flush();
        std::_Exit(0);
      }
      return 0;
    }
    if (signal == SIGHUP) {
      systemd::reloading();
      spdlog::info("SIGHUP received: reloading {}", config_path);
      std::optional<WatchdogKeepAlive> keep_alive;
      if (watchdog) keep_alive.emplace(tick);
      try {
        std::shared_ptr<const config::Config> next =
            std::make_shared<config::Config>(pipeline::load_validated_config(config_path, registry, {}));
        if (next->state_path != active->state_path) {
          throw config::ConfigError(config_path + ": state.path cannot change on reload; restart tcfeed for that");
        }
        const pipeline::ConfigDiff diff = pipeline::diff_configs(*active, *next);
        ExportSet::check(*next);  // a bad never-block entry refuses the reload before anything changes
        std::unique_ptr<pipeline::Engine> engine;
        if (diff.restarts_everything()) engine = std::make_unique<pipeline::Engine>(*next, registry, state, events);
        std::unique_ptr<net::HttpServer> moved;
        if (next->http_listen != active->http_listen) moved = make_server(next->http_listen);
        // The exports listener's certificate and key are read again (a renewed certificate takes
        // effect without a restart); its address, or whether there is one, waits for a restart.
        std::shared_ptr<net::ServerTls> renewed_tls;
        const bool same_listener = next->exports_listener.has_value() == exports_listener.has_value() &&
                                   (!exports_listener || next->exports_listener->listen == exports_listener->listen);
        if (exports_server && same_listener) {
          renewed_tls =
              net::load_server_tls(next->exports_listener->tls_cert, next->exports_listener->tls_key.reveal());
        }
        log_changes(diff, YAML::Dump(active->node["exports"]) != YAML::Dump(next->node["exports"]));
        // Exports apply now, each alone (docs/exports.md, Reload).
        export_set.apply(next);
        if (!same_listener) {
          spdlog::warn(
              "reload: http.exports.listen changed; the exports stay where they are served until the next "
              "restart");
        }
        if (renewed_tls) {
          exports_server->set_tls(std::move(renewed_tls));
          spdlog::info("reload: exports listener certificate and key read again from {}",
                       next->exports_listener->tls_cert);
        }
        if (engine) {
          const bool finished = stop_engine(current);  // the status page reads the stopping engine meanwhile
          std::lock_guard guard(engine_mutex);
          if (!finished) retired.push_back(std::move(current));
          current = Generation{next, std::move(engine)};
        } else if (diff.connectors_changed()) {
          // Only connectors changed: the others go on polling (docs/architecture.md, Reload (SIGHUP)).
          current.engine->reconfigure(next, registry, diff.connectors);
        }
        active = next;
        if (moved) {
          server->stop();
          server = std::move(moved);
        }
        register_outbox_gauges(metrics, state, current.engine->owners());
        apply_config_log_level(active->log_level);
        apply_config_log_format(active->log_format);
        // A SIGTERM that came while the old engine wound down is served next, by stopping an
        // engine that never started: the stop stays within one shutdown_grace.
        if (diff.restarts_everything() && !stop_signal_pending()) current.engine->start();
        spdlog::info("configuration reloaded: {}", counted(active->connectors.size(), "connector", "connectors"));
        record_reload({});
      } catch (const std::exception& error) {  // config::ConfigError (file:line) and anything the new engine threw
        spdlog::error("reload refused, the running configuration is kept: {}", error.what());
        // The status page shows what the log says: a configuration error names a file, a line, a key
        // and at most a secret's reference (a variable's or a file's name), never what it holds.
        record_reload(error.what());
      }
      keep_alive.reset();  // joined first, so no keep-alive comes after the READY=1
      systemd::ready();
    }
    if (std::chrono::steady_clock::now() >= next_status) {
      const auto status = snapshot();
      systemd::status(status_line(status));
      gauges.publish(status);
      sample_backlog(events.history(), status);
      next_status = std::chrono::steady_clock::now() + kStatusEvery;
    }
  }
}

}  // namespace tcfeed::daemon
