#pragma once
// A small real HTTPS/1.1 server on 127.0.0.1 for the client tests (the sandbox is the full
// ThreatConnect stand-in; this one only has routes that exercise transport behaviour):
//   /echo...         200; body "METHOD TARGET", then host, user-agent, content-length, x-custom,
//                    accept-encoding request headers one per line, an empty line and the body
//   /big/N           N bytes, Content-Length framed
//   /chunked/N       N bytes, chunked
//   /eof-body        a body delimited by the end of the stream (TLS close_notify), no length
//   /slow/MS         waits MS milliseconds, then 200
//   /close           200 with "Connection: close", then closes
//   /drop-after      200 kept alive, then closes as an idle server would (no close_notify)
//   /drop            closes without answering
//   /gzip/N          gzip(sample_text(N)) with Content-Encoding: gzip (tests/unit/net/test_payloads)
//   /gzip-zeros/M    M MiB of zero bytes, gzip'd (a compression bomb: about 1000:1)
//   /gzip-cut/N      the first half of /gzip/N's body, announced as complete
//   /drip/N/MS       N bytes, Content-Length framed, one byte every MS milliseconds
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace tcfeed::net::testing {

class TestTlsServer {
 public:
  TestTlsServer(const std::string& cert_file, const std::string& key_file);
  ~TestTlsServer();
  TestTlsServer(const TestTlsServer&) = delete;
  TestTlsServer& operator=(const TestTlsServer&) = delete;

  std::uint16_t port() const;
  std::size_t connections_accepted() const;
  // The SNI name the last completed handshake carried; empty when none was sent.
  std::string last_server_name() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A listening socket that is never accepted from: the kernel completes TCP connects into its
// backlog and then nothing answers, so a client's TLS handshake hangs.
class SilentListener {
 public:
  SilentListener();
  ~SilentListener();
  SilentListener(const SilentListener&) = delete;
  SilentListener& operator=(const SilentListener&) = delete;

  std::uint16_t port() const { return port_; }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

// A loopback port with nothing listening (bound, then released).
std::uint16_t closed_port();

}  // namespace tcfeed::net::testing
