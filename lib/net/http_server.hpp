#pragma once
// A small HTTP/1.1 server for the daemon's endpoints: plain on the loopback status listener
// (/metrics, /livez, /readyz, the status page), or over TLS on the exports listener that firewalls
// reach across the network (set_tls; docs/exports.md, Serving). It runs on a thread of its own with its own event loop,
// so a busy pipeline never delays a health check, and it is bounded in every way a stray or hostile client could push
// it: header size, no request bodies, a read timeout, a connection cap, GET and HEAD (and POST without a body from
// loopback, where the daemon serves one). Connections that hold a slot without asking anything cannot lock a health
// check out: at the cap a new connection takes the slot of the one that has waited longest for a request header.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tcfeed::net {

struct ServerTls;  // lib/net/server_tls.hpp

struct HttpReply {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // more header fields (name, value)
};

// A GET or HEAD as a route handler sees it: with its header fields, for conditional requests and
// content negotiation. Views into the request: valid during the call only.
struct HttpRequestView {
  std::string_view method;
  std::string_view target;
  std::vector<std::pair<std::string_view, std::string_view>> headers;
  // The first field of that name (ASCII case-insensitive), or nothing.
  std::optional<std::string_view> header(std::string_view name) const;
};

struct HttpServerLimits {
  std::size_t max_header_bytes = 8 * 1024;  // request line and headers together
  // How long a connection may take to send a whole request header, and stay idle between
  // keep-alive requests; also the time a client gets to read a response.
  std::chrono::milliseconds read_timeout{std::chrono::seconds(5)};
  // At this many, a new connection closes the one idle longest (waiting for a request header,
  // silent or half-sent); only when every one is busy sending an answer does it get 503.
  std::size_t max_connections = 64;
};

// "127.0.0.1:9464" or "[::1]:9464": an IP literal and a port (0: the kernel picks one).
struct ListenAddress {
  std::string host;
  std::uint16_t port = 0;
};
// Throws std::invalid_argument naming the text and what is expected.
ListenAddress parse_listen_address(std::string_view text);

class HttpServer {
 public:
  // Called on the server's thread, one request at a time. The method is GET or HEAD (for HEAD
  // the body is measured, not sent); the target is the request-target as received. Whatever it
  // throws becomes a 500 whose body says nothing of the exception (it is logged instead).
  using Handler = std::function<HttpReply(std::string_view method, std::string_view target)>;

  // Throws std::invalid_argument when `listen` is not an address (see parse_listen_address).
  HttpServer(std::string listen, Handler handler, HttpServerLimits limits = {});
  ~HttpServer();  // stop()
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Serves POST (without a body) with `handler`, before start(): only to a loopback peer, and
  // never to a browser's cross-origin request (one that carries an Origin header), since a POST
  // changes what the daemon does. Without it, POST is 405 like any other method.
  void set_post_handler(Handler handler);

  // Serves GET and HEAD whose path starts with `prefix` with `handler` instead, before start()
  // (the exports: docs/exports.md, Serving). Its reply's header fields replace the server's
  // defaults (Cache-Control).
  using RouteHandler = std::function<HttpReply(const HttpRequestView& request)>;
  void set_route(std::string prefix, RouteHandler handler);

  // Speaks TLS with this certificate and key (load_server_tls) instead of plain HTTP. Before
  // start() it decides the protocol; afterwards it replaces the certificate for the connections
  // that follow (a renewed certificate on reload), while those open keep theirs. A server started
  // plain stays plain.
  void set_tls(std::shared_ptr<ServerTls> tls);

  // Binds and listens on the calling thread, so a failure is thrown here as std::runtime_error,
  // e.g. "http.listen 127.0.0.1:9464: address already in use"; then serves on a new thread.
  // Once per server.
  void start();
  // The bound port (the kernel's pick when the address said 0); 0 before start().
  std::uint16_t port() const;
  // Closes the listener and every connection, and joins the thread. Idempotent; prompt even with
  // clients connected, since nothing waits for them. Not from within the handler (it would wait
  // for itself; throws std::logic_error).
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tcfeed::net
