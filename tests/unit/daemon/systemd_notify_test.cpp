// The sd_notify wrapper against a real AF_UNIX datagram socket standing in for systemd's.
#include "daemon/systemd_notify.hpp"

#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tcfeed::daemon {
namespace {

using ::testing::MatchesRegex;

std::uint64_t monotonic_usec() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<std::uint64_t>(now.tv_sec) * 1000000u + static_cast<std::uint64_t>(now.tv_nsec) / 1000u;
}

// A bound datagram socket in a fresh directory, announced in NOTIFY_SOCKET for the test's life.
class NotifySocket {
 public:
  NotifySocket() {
    char dir_template[] = "/tmp/tcfeed-notify.XXXXXX";
    const char* dir = ::mkdtemp(dir_template);
    if (dir == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = dir;
    path_ = dir_ + "/notify.sock";
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, path_.c_str(), sizeof address.sun_path - 1);
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      throw std::runtime_error("cannot bind " + path_);
    }
    timeval timeout{5, 0};  // a missing datagram fails the test instead of hanging it
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setenv("NOTIFY_SOCKET", path_.c_str(), 1);
  }
  ~NotifySocket() {
    ::unsetenv("NOTIFY_SOCKET");
    ::close(fd_);
    std::filesystem::remove_all(dir_);
  }

  std::string receive() {
    char buffer[4096];
    const ssize_t got = ::recv(fd_, buffer, sizeof buffer, 0);
    return got < 0 ? "<nothing received>" : std::string(buffer, static_cast<std::size_t>(got));
  }
  bool nothing_pending() {
    char buffer[16];
    return ::recv(fd_, buffer, sizeof buffer, MSG_DONTWAIT) < 0;
  }

 private:
  std::string dir_;
  std::string path_;
  int fd_ = -1;
};

TEST(SystemdNotify, SendsEachNotificationInOrder) {
  NotifySocket socket;
  systemd::ready();
  systemd::status("delivering: 3 connectors, 0 owners stopped");
  const std::uint64_t before = monotonic_usec();
  systemd::reloading();
  const std::uint64_t after = monotonic_usec();
  systemd::watchdog();
  systemd::stopping();

  EXPECT_EQ(socket.receive(), "READY=1");
  EXPECT_EQ(socket.receive(), "STATUS=delivering: 3 connectors, 0 owners stopped");
  const std::string reload = socket.receive();
  ASSERT_THAT(reload, MatchesRegex("RELOADING=1\nMONOTONIC_USEC=[0-9]+"));
  const std::uint64_t stamp = std::stoull(reload.substr(reload.find('=', 12) + 1));
  EXPECT_GE(stamp, before);
  EXPECT_LE(stamp, after);
  EXPECT_EQ(socket.receive(), "WATCHDOG=1");
  EXPECT_EQ(socket.receive(), "STOPPING=1");
  EXPECT_TRUE(socket.nothing_pending());
}

TEST(SystemdNotify, StatusCannotSmuggleAnotherAssignment) {
  NotifySocket socket;
  systemd::status(std::string("line one\nREADY=1\r\nthree") + '\0' + "after nul");
  EXPECT_EQ(socket.receive(), "STATUS=line one READY=1  threeafter nul");
}

// The socket stays bound and listening throughout: only the environment decides whether a
// notification is sent, on every call, not once for the process (a daemon started by hand that
// later inherits no NOTIFY_SOCKET must not keep writing to an address it saw earlier).
TEST(SystemdNotify, NothingIsSentWhileNotifySocketIsUnset) {
  NotifySocket socket;
  systemd::ready();
  ASSERT_EQ(socket.receive(), "READY=1");  // the socket works

  ::unsetenv("NOTIFY_SOCKET");
  EXPECT_NO_THROW({
    systemd::ready();
    systemd::status("x");
    systemd::reloading();
    systemd::watchdog();
    systemd::stopping();
  });
  EXPECT_TRUE(socket.nothing_pending());
}

// A NOTIFY_SOCKET nobody listens on (systemd gone, a stale value) costs the daemon nothing.
TEST(SystemdNotify, AnUnreachableNotifySocketIsNotAnError) {
  ::setenv("NOTIFY_SOCKET", "/nonexistent/tcfeed-notify.sock", 1);
  EXPECT_NO_THROW({
    systemd::ready();
    systemd::status("x");
    systemd::reloading();
    systemd::watchdog();
    systemd::stopping();
  });
  ::unsetenv("NOTIFY_SOCKET");
}

TEST(SystemdNotify, WatchdogIntervalComesFromTheEnvironmentForThisProcessOnly) {
  ::unsetenv("WATCHDOG_USEC");
  ::unsetenv("WATCHDOG_PID");
  EXPECT_FALSE(systemd::watchdog_interval().has_value());

  ::setenv("WATCHDOG_USEC", "20000000", 1);
  ::setenv("WATCHDOG_PID", std::to_string(::getpid()).c_str(), 1);
  ASSERT_TRUE(systemd::watchdog_interval().has_value());
  EXPECT_EQ(*systemd::watchdog_interval(), std::chrono::seconds(20));

  // Meant for another process (a parent that did not clear it): not ours to answer.
  ::setenv("WATCHDOG_PID", std::to_string(::getpid() + 1).c_str(), 1);
  EXPECT_FALSE(systemd::watchdog_interval().has_value());
  ::unsetenv("WATCHDOG_USEC");
  ::unsetenv("WATCHDOG_PID");
}

}  // namespace
}  // namespace tcfeed::daemon
