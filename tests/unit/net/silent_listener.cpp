#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include "tests/unit/net/test_tls_server.hpp"

namespace tcfeed::net::testing {
namespace {

// A TCP socket bound to 127.0.0.1 on a port the kernel picks; returns the fd and the port.
int bind_loopback(std::uint16_t& port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  }
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  // sockaddr_in to sockaddr is how the BSD socket API is meant to be called.
  auto* generic = reinterpret_cast<sockaddr*>(&address);
  if (::bind(fd, generic, length) != 0 || ::getsockname(fd, generic, &length) != 0) {
    const std::string reason = std::strerror(errno);
    ::close(fd);
    throw std::runtime_error("bind: " + reason);
  }
  port = ntohs(address.sin_port);
  return fd;
}

}  // namespace

SilentListener::SilentListener() {
  fd_ = bind_loopback(port_);
  if (::listen(fd_, 16) != 0) {
    ::close(fd_);
    throw std::runtime_error(std::string("listen: ") + std::strerror(errno));
  }
}

SilentListener::~SilentListener() { ::close(fd_); }

std::uint16_t closed_port() {
  std::uint16_t port = 0;
  ::close(bind_loopback(port));
  return port;
}

}  // namespace tcfeed::net::testing
