#pragma once
// `tcfeed run` without --once: the daemon process (docs/architecture.md, Threads; issue 5). Signals are taken on the
// main thread with sigtimedwait — SIGTERM/SIGINT stop within shutdown_grace, SIGHUP reloads the
// configuration only when the whole new file is valid — and systemd hears READY, STATUS,
// WATCHDOG, RELOADING and STOPPING from the same loop.
#include <string>

namespace tcfeed::daemon {

// Returns the exit code: 0 after a clean stop, 1 when the state file failed or is locked, 2 for
// a bad configuration at start.
int run_daemon(const std::string& config_path);

}  // namespace tcfeed::daemon
