#include "tests/unit/net/tinyproxy.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "tests/unit/net/test_tls_server.hpp"

extern char** environ;

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

Tinyproxy::Tinyproxy(const TinyproxyConfig& config) {
  const std::string program = find_in_path("tinyproxy");
  if (program.empty()) {
    throw std::runtime_error("tinyproxy is not installed; the proxy tests need it: run scripts/bootstrap");
  }
  std::string pattern = (fs::temp_directory_path() / "tcfeed-tinyproxy-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("mkdtemp failed for " + pattern);
  }
  dir_ = pattern;
  // tinyproxy cannot listen on port 0; a port just released by the kernel is the next best.
  port_ = closed_port();
  std::ofstream conf(dir_ + "/tinyproxy.conf");
  conf << "Port " << port_ << "\nListen 127.0.0.1\nTimeout 10\nMaxClients 16\nAllow 127.0.0.1\n"
       << "LogLevel Info\nDisableViaHeader Yes\n";
  for (const std::uint16_t port : config.connect_ports) {
    conf << "ConnectPort " << port << "\n";
  }
  if (!config.basic_auth_user.empty()) {
    conf << "BasicAuth " << config.basic_auth_user << " " << config.basic_auth_password << "\n";
  }
  conf.close();

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  const std::string log_file = dir_ + "/tinyproxy.log";
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  const std::string conf_file = dir_ + "/tinyproxy.conf";
  std::string arg0 = program, arg1 = "-d", arg2 = "-c", arg3 = conf_file;
  char* argv[] = {arg0.data(), arg1.data(), arg2.data(), arg3.data(), nullptr};
  const int spawned = ::posix_spawn(&pid_, program.c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    pid_ = -1;
    throw std::runtime_error("cannot start " + program);
  }
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (!accepts_connections(port_)) {
    int status = 0;
    const bool exited = ::waitpid(pid_, &status, WNOHANG) == pid_;
    if (exited || std::chrono::steady_clock::now() > give_up) {
      if (exited) {
        pid_ = -1;
      }
      const std::string output = log();
      stop();
      throw std::runtime_error("tinyproxy did not start listening on port " + std::to_string(port_) + ":\n" + output);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

Tinyproxy::~Tinyproxy() { stop(); }

void Tinyproxy::stop() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);  // a test proxy has nothing to flush
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  if (!dir_.empty()) {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
    dir_.clear();
  }
}

std::string Tinyproxy::log() const {
  std::stringstream text;
  text << std::ifstream(dir_ + "/tinyproxy.log").rdbuf();
  return text.str();
}

}  // namespace tcfeed::net::testing
