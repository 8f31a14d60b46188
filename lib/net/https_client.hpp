#pragma once
// An HTTPS/1.1 client for one origin (host and port): TLS 1.2+, the peer chain and the host name
// verified, SNI, a custom CA file, a timeout on every step, and the connection kept for reuse.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

#include "lib/net/http_message.hpp"

namespace tcfeed::net {

struct ClientOptions {
  std::string host;                  // DNS name or IP literal; verified against the certificate
  std::uint16_t port = 443;
  std::string ca_file;               // PEM bundle; empty means the system store
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(10)};  // resolve + TCP + TLS
  std::chrono::milliseconds io_timeout{std::chrono::seconds(60)};       // each write / read
  std::size_t max_body_bytes = 64u << 20;                               // response body cap
};

// Any failure below HTTP: resolve, connect, TLS (certificate, host name), timeout, a cut
// connection, an oversized body. what() names the origin and the step, never a header value.
class TransportError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

class HttpsClient {
public:
  explicit HttpsClient(ClientOptions options);
  ~HttpsClient();
  HttpsClient(const HttpsClient&) = delete;
  HttpsClient& operator=(const HttpsClient&) = delete;

  // Sends one request and reads the whole response. Host, User-Agent and Content-Length are set
  // here. Throws TransportError. A kept connection the server closed meanwhile is reopened once.
  HttpResponse send(const HttpRequest& request);

  // TCP connections opened so far (connection reuse is observable).
  std::size_t connections_opened() const;

  const ClientOptions& options() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tcfeed::net
