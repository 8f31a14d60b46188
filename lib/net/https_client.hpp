#pragma once
// An HTTPS/1.1 client for one origin (host and port): TLS 1.2+, the peer chain and the host name
// verified, SNI, a custom CA file, a timeout on every step and an overall deadline, an optional
// HTTP CONNECT proxy, gzip responses, streamed bodies, and the connection kept for reuse.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "lib/net/http_message.hpp"
#include "lib/net/proxy.hpp"

namespace tcfeed::net {

struct ClientOptions {
  std::string host;  // DNS name or IP literal; verified against the certificate
  std::uint16_t port = 443;
  std::string ca_file;                                                  // PEM bundle; empty means the system store
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(10)};  // resolve + TCP + TLS
  std::chrono::milliseconds io_timeout{std::chrono::seconds(60)};       // each write / read
  std::size_t max_body_bytes = 64u << 20;  // response body cap, before and after gzip decoding
  // The whole send(): connect, write and read together, on top of the per-step timeouts.
  std::chrono::milliseconds request_deadline{std::chrono::minutes(5)};
  // Tunnel through this proxy (HTTP CONNECT) unless the origin host matches `no_proxy`. TLS and
  // the certificate check are always end to end with the origin, never with the proxy.
  std::optional<ProxyOptions> proxy;
  std::vector<std::string> no_proxy;  // see bypasses_proxy()
  // Send "Accept-Encoding: gzip" (unless the request has its own) and decode gzip answers: the
  // response then carries the plain body and no Content-Encoding or Content-Length header.
  bool accept_gzip = true;
};

// Any failure below HTTP: resolve, connect, TLS (certificate, host name), timeout, a cut
// connection, an oversized body. what() names the origin and the step, never a header value.
// `permanent`: sending again cannot help (a certificate refused, a proxy refusing, a body over the
// limit, a CA file that does not load) — an operator has to act. Otherwise the failure may pass.
class TransportError : public std::runtime_error {
 public:
  explicit TransportError(const std::string& message, bool permanent = false)
      : std::runtime_error(message), permanent_(permanent) {}
  bool permanent() const { return permanent_; }

 private:
  bool permanent_;
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

  // As above, but the body goes to `on_body` piece by piece as it arrives (decoded when gzip) and
  // the returned response has an empty body; max_body_bytes still caps the total. Whatever
  // `on_body` throws aborts the exchange, closes the connection and passes through.
  HttpResponse send(const HttpRequest& request, const std::function<void(std::string_view chunk)>& on_body);

  // TCP connections opened so far (connection reuse is observable).
  std::size_t connections_opened() const;

  const ClientOptions& options() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tcfeed::net
