#pragma once
// Throw-away PKI for the HTTPS client tests, made with the openssl CLI at first use: a CA and
// leaf certificates signed by it that are right, for the wrong name, or expired.
#include <string>

namespace tcfeed::net::testing {

struct KeyPair {
  std::string cert_file;
  std::string key_file;
};

struct TestCertificates {
  std::string ca_file;
  KeyPair localhost;   // DNS:localhost, IP:127.0.0.1
  KeyPair wrong_host;  // DNS:wrong.example only
  KeyPair expired;     // DNS:localhost, IP:127.0.0.1, valid only on 2020-01-01
};

// Generated once per process into a fresh temporary directory, removed at exit. Throws
// std::runtime_error (with the openssl output) when the CLI fails.
const TestCertificates& test_certificates();

}  // namespace tcfeed::net::testing
