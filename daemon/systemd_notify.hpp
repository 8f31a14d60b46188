#pragma once
// systemd's service notifications (sd_notify): Type=notify-reload readiness, status text, reload
// and stop announcements, and the watchdog keep-alive. Each call is a no-op when NOTIFY_SOCKET is
// unset (started by hand, in a container, in tests) and never fails the daemon: a notification
// that cannot be sent is systemd's problem to time out on, not a reason to stop delivering.
#include <chrono>
#include <optional>
#include <string_view>

namespace tcfeed::daemon::systemd {

// READY=1: start-up (or a reload) is complete.
void ready();
// STATUS=<text>: one line shown by `systemctl status`. Line breaks become spaces, since a newline
// would start another assignment in the notification (a status could otherwise say READY=1).
void status(std::string_view text);
// RELOADING=1 with MONOTONIC_USEC=<now>, as Type=notify-reload requires; send ready() when the
// new configuration is in place (or the old one kept).
void reloading();
// STOPPING=1: shutdown has begun.
void stopping();
// WATCHDOG=1: the keep-alive, to be sent at least every watchdog_interval() (half of it, to be safe).
void watchdog();
// The service's WatchdogSec when systemd asks this process for keep-alives, else empty.
std::optional<std::chrono::microseconds> watchdog_interval();

}  // namespace tcfeed::daemon::systemd
