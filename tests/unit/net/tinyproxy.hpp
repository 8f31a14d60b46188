#pragma once
// A real HTTP CONNECT proxy for the client tests: Debian's tinyproxy, started in the foreground on
// 127.0.0.1 with a generated configuration, stopped with the object.
#include <cstdint>
#include <string>
#include <vector>

#include "tests/support/child_process.hpp"

namespace tcfeed::net::testing {

struct TinyproxyConfig {
  // tinyproxy allows CONNECT to 443 and 563 only unless told otherwise.
  std::vector<std::uint16_t> connect_ports;
  std::string basic_auth_user;  // non-empty: "BasicAuth user password" is required
  std::string basic_auth_password;
};

class Tinyproxy {
 public:
  // Throws std::runtime_error when tinyproxy is not installed (the message says to run
  // scripts/bootstrap) or does not start listening within 3 s (with its log).
  explicit Tinyproxy(const TinyproxyConfig& config);

  std::uint16_t port() const { return port_; }
  // What tinyproxy logged so far (LogLevel Info: one line per request it handled).
  std::string log() const;

 private:
  tcfeed::testing::ChildProcess child_;
  std::uint16_t port_ = 0;
};

}  // namespace tcfeed::net::testing
