#include "tests/unit/net/tinyproxy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "tests/unit/net/test_tls_server.hpp"

namespace tcfeed::net::testing {
namespace {

namespace fs = std::filesystem;

std::string find_in_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(std::string(path ? path : "") + ":/usr/sbin:/usr/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    const fs::path candidate = fs::path(dir.empty() ? "." : dir) / program;
    if (::access(candidate.c_str(), X_OK) == 0) {
      return candidate.string();
    }
  }
  return {};
}

bool accepts_connections(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    return false;
  }
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  // sockaddr_in to sockaddr is how the BSD socket API is meant to be called.
  const bool connected = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return connected;
}

}  // namespace

// A test proxy has nothing to flush: SIGKILL ends it.
Tinyproxy::Tinyproxy(const TinyproxyConfig& config) : child_("tcfeed-tinyproxy-", SIGKILL) {
  const std::string program = find_in_path("tinyproxy");
  if (program.empty()) {
    throw std::runtime_error("tinyproxy is not installed; the proxy tests need it: run scripts/bootstrap");
  }
  // tinyproxy cannot listen on port 0; a port just released by the kernel is the next best.
  port_ = closed_port();
  std::ofstream conf(child_.dir() + "/tinyproxy.conf");
  conf << "Port " << port_ << "\nListen 127.0.0.1\nTimeout 10\nMaxClients 16\nAllow 127.0.0.1\n"
       << "LogLevel Info\nDisableViaHeader Yes\n";
  for (const std::uint16_t port : config.connect_ports) {
    conf << "ConnectPort " << port << "\n";
  }
  if (!config.basic_auth_user.empty()) {
    conf << "BasicAuth " << config.basic_auth_user << " " << config.basic_auth_password << "\n";
  }
  conf.close();
  child_.spawn({program, "-d", "-c", child_.dir() + "/tinyproxy.conf"}, "tinyproxy.log", "tinyproxy.log");
  child_.wait_until([this] { return accepts_connections(port_); }, std::chrono::seconds(3),
                    "tinyproxy did not start listening on port " + std::to_string(port_), "tinyproxy.log");
}

std::string Tinyproxy::log() const { return child_.read("tinyproxy.log"); }

}  // namespace tcfeed::net::testing
