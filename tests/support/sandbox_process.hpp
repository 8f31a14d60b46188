#pragma once
// tcfeed-sandbox as a child process for unit tests that need the platform for real: TLS on
// loopback, signed requests, batch jobs, and faults injected through its control endpoint. One
// test PKI per test process (tests/sandbox/make-certs.sh), one secret and scratch directory per
// sandbox; the sandbox is stopped and the directory removed with the object.
#include <cstdint>
#include <string>
#include <vector>

#include "tests/support/child_process.hpp"

namespace tcfeed::testing {

class SandboxProcess {
 public:
  static constexpr const char* kAccessId = "12345678901234567890";

  // `args` are added to the sandbox's command line (--owner, --fault, --running-polls...). Throws
  // std::runtime_error, with the sandbox's log, when it does not announce its port within 10 s.
  explicit SandboxProcess(const std::vector<std::string>& args = {});

  std::uint16_t port() const { return port_; }
  std::string base_url() const;        // https://localhost:PORT/api
  const std::string& ca_file() const;  // the CA that signed the sandbox's certificate
  const std::string& secret_file() const { return secret_file_; }
  const std::string& dir() const { return child_.dir(); }  // scratch space for the test, removed with it

  // POST /_sandbox/faults with this JSON (see tests/sandbox/README.md); throws unless it answers 200.
  void add_faults(const std::string& json);
  // DELETE /_sandbox/faults: every rule, the command line's too, and every denied owner go.
  void clear_faults();
  // An unauthenticated GET of the sandbox's own endpoints (/_sandbox/stats); throws unless 200.
  std::string get(const std::string& target);
  // How many requests the sandbox answered on `path` (no query), by /_sandbox/stats.
  int requests_to(const std::string& path);
  // What the sandbox logged so far: one `METHOD PATH STATUS` line per request.
  std::string log() const;

 private:
  std::string request(const std::string& method, const std::string& target, const std::string& body);

  ChildProcess child_;
  std::string secret_file_;
  std::uint16_t port_ = 0;
};

}  // namespace tcfeed::testing
