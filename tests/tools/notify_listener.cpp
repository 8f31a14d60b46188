// notify_listener: systemd's side of sd_notify, for the integration tests. Binds an AF_UNIX
// datagram socket at PATH (what the test then puts in the daemon's NOTIFY_SOCKET) and prints each
// datagram it receives as one line on stdout, flushed at once so a test can poll the file while
// the daemon runs. A notification may hold several assignments separated by newlines
// (RELOADING=1\nMONOTONIC_USEC=…); they become `|` so one datagram stays one line and the order
// of datagrams is the order of lines. Runs until SIGTERM or SIGINT, then removes the socket.
//
// `notify_listener --clock` prints CLOCK_MONOTONIC in microseconds and exits: the clock
// MONOTONIC_USEC is read on, which a shell has no other way to read (/proc/uptime is boot time,
// which runs ahead after a suspend).
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

namespace {

int print_clock() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  const auto usec = static_cast<std::uint64_t>(now.tv_sec) * 1000000u + static_cast<std::uint64_t>(now.tv_nsec) / 1000u;
  std::printf("%llu\n", static_cast<unsigned long long>(usec));
  return 0;
}

int bind_socket(const std::string& path) {
  sockaddr_un address{};
  if (path.size() >= sizeof(address.sun_path)) {
    std::fprintf(stderr, "notify_listener: socket path longer than %zu bytes: %s\n", sizeof(address.sun_path) - 1,
                 path.c_str());
    return -1;
  }
  const int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    std::perror("notify_listener: socket");
    return -1;
  }
  address.sun_family = AF_UNIX;
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
  // A socket file left by an earlier run that was killed would make bind fail with EADDRINUSE.
  unlink(path.c_str());
  if (bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
    std::fprintf(stderr, "notify_listener: bind %s: %s\n", path.c_str(), std::strerror(errno));
    close(fd);
    return -1;
  }
  return fd;
}

void print_datagram(const char* data, std::size_t size, bool truncated) {
  std::string line(data, size);
  for (char& c : line) {
    if (c == '\n') c = '|';
  }
  if (truncated) line += " [truncated]";
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::strcmp(argv[1], "--clock") == 0) return print_clock();
  if (argc != 2 || argv[1][0] == '-') {
    std::fprintf(stderr, "usage: %s SOCKET_PATH | --clock\n", argv[0]);
    return 2;
  }
  const std::string path = argv[1];

  // The signals stay blocked except inside ppoll, so a SIGTERM between two datagrams cannot be
  // lost between a flag check and a blocking receive.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  sigset_t wait_mask;
  sigprocmask(SIG_BLOCK, &stop_signals, &wait_mask);
  struct sigaction action {};
  action.sa_handler = [](int) {};  // only to interrupt ppoll; the default action would kill us
  sigemptyset(&action.sa_mask);
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);

  const int fd = bind_socket(path);
  if (fd < 0) return 1;

  // sd_notify's messages are short; systemd itself reads at most a pipe buffer's worth.
  std::vector<char> buffer(64 * 1024);
  int code = 0;
  for (;;) {
    pollfd entry{fd, POLLIN, 0};
    const int ready = ppoll(&entry, 1, nullptr, &wait_mask);
    if (ready < 0) {
      if (errno == EINTR) break;  // SIGTERM or SIGINT
      std::perror("notify_listener: ppoll");
      code = 1;
      break;
    }
    // MSG_TRUNC makes recv report the datagram's full length, so an oversized one is marked,
    // never silently cut.
    const ssize_t size = recv(fd, buffer.data(), buffer.size(), MSG_DONTWAIT | MSG_TRUNC);
    if (size < 0) {
      if (errno == EAGAIN || errno == EINTR) continue;
      std::perror("notify_listener: recv");
      code = 1;
      break;
    }
    const auto length = static_cast<std::size_t>(size);
    print_datagram(buffer.data(), std::min(length, buffer.size()), length > buffer.size());
  }
  close(fd);
  unlink(path.c_str());
  return code;
}
