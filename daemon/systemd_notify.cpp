#include "daemon/systemd_notify.hpp"

#include <systemd/sd-daemon.h>

#include <algorithm>
#include <cstdint>
#include <ctime>
#include <string>

#include <fmt/format.h>

namespace tcfeed::daemon::systemd {
namespace {

void notify(const std::string& message) {
  // unset_environment = 0: the reload and stop notifications later in the process's life need
  // NOTIFY_SOCKET too. The result is ignored on purpose (see the header).
  static_cast<void>(sd_notify(0, message.c_str()));
}

}  // namespace

void ready() { notify("READY=1"); }

void status(std::string_view text) {
  std::string line(text);
  std::replace_if(
      line.begin(), line.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  // A NUL would end the C string sd_notify sends: what followed it would silently vanish.
  line.erase(std::remove(line.begin(), line.end(), '\0'), line.end());
  notify("STATUS=" + line);
}

void reloading() {
  // systemd matches the reload to this timestamp of CLOCK_MONOTONIC, the clock it uses itself.
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  const auto usec = static_cast<std::uint64_t>(now.tv_sec) * 1000000u + static_cast<std::uint64_t>(now.tv_nsec) / 1000u;
  notify(fmt::format("RELOADING=1\nMONOTONIC_USEC={}", usec));
}

void stopping() { notify("STOPPING=1"); }

void watchdog() { notify("WATCHDOG=1"); }

std::optional<std::chrono::microseconds> watchdog_interval() {
  std::uint64_t usec = 0;
  // 0 keeps WATCHDOG_USEC and WATCHDOG_PID in the environment for a later call to read again.
  if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return std::nullopt;
  return std::chrono::microseconds(static_cast<std::chrono::microseconds::rep>(usec));
}

}  // namespace tcfeed::daemon::systemd
