#pragma once
// An HTTPS/1.1 client for one origin (host and port): TLS 1.2+, the peer chain and the host name
// verified, SNI, a custom CA file, a timeout on every step, an overall deadline and a minimum body
// rate, a stop from another thread, an optional HTTP CONNECT proxy, gzip responses, streamed
// bodies, and the connection kept for reuse.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "lib/core/secret.hpp"
#include "lib/net/http_message.hpp"
#include "lib/net/proxy.hpp"

namespace tcfeed::net {

struct ClientOptions {
  std::string host;  // DNS name or IP literal; verified against the certificate
  std::uint16_t port = 443;
  std::string ca_file;  // PEM bundle; empty means the system store
  // A client certificate for a server that requires one (mutual TLS): the PEM chain file and the
  // unencrypted PEM private key's text. Both or neither.
  std::string client_cert_file;
  Secret client_key;
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(10)};  // resolve + TCP + TLS
  std::chrono::milliseconds io_timeout{std::chrono::seconds(60)};       // each write / read
  std::size_t max_body_bytes = 64u << 20;  // response body cap, before and after gzip decoding
  // The whole send(): connect, write and read together, on top of the per-step timeouts.
  std::chrono::milliseconds request_deadline{std::chrono::minutes(5)};
  // The slowest body accepted: at least min_rate_bytes per second in each min_rate_window from the
  // first body byte on, else the exchange fails (TransportFailure::TooSlow). A trickling server
  // passes every per-read timeout; this catches it long before the deadline. 0: no minimum.
  std::size_t min_rate_bytes = 0;
  std::chrono::milliseconds min_rate_window{std::chrono::seconds(60)};
  // Once a stop is requested the exchange under way ends at once (TransportFailure::Stopped),
  // whichever step it is in: a daemon that stops does not wait for a download.
  std::stop_token stop;
  // Tunnel through this proxy (HTTP CONNECT) unless the origin host matches `no_proxy`. TLS and
  // the certificate check are always end to end with the origin, never with the proxy.
  std::optional<ProxyOptions> proxy;
  std::vector<std::string> no_proxy;  // see bypasses_proxy()
  // Send "Accept-Encoding: gzip" (unless the request has its own) and decode gzip answers: the
  // response then carries the plain body and no Content-Encoding or Content-Length header.
  bool accept_gzip = true;
};

// Which of the client's own limits ended an exchange, so a caller can name its setting.
enum class TransportFailure {
  Other,     // the network, the peer, TLS, a per-step timeout, an oversized header
  TooLarge,  // the body, as received or once decoded, is larger than max_body_bytes
  Deadline,  // request_deadline passed
  TooSlow,   // the body came slower than min_rate_bytes
  Stopped,   // the stop token was triggered
  // The server ended the TLS handshake with an alert (or right after it, as TLS 1.3 does when it
  // wanted a client certificate): it refused this client, not the network.
  TlsRefused,
};

// Any failure below HTTP: resolve, connect, TLS (certificate, host name), timeout, a cut
// connection, an oversized body. what() names the origin and the step, never a header value.
// `permanent`: sending again cannot help (a certificate refused, a proxy refusing, a body over the
// limit, a CA file that does not load) — an operator has to act. Otherwise the failure may pass.
class TransportError : public std::runtime_error {
 public:
  explicit TransportError(const std::string& message, bool permanent = false,
                          TransportFailure failure = TransportFailure::Other)
      : std::runtime_error(message), permanent_(permanent), failure_(failure) {}
  bool permanent() const { return permanent_; }
  TransportFailure failure() const { return failure_; }

 private:
  bool permanent_;
  TransportFailure failure_;
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
