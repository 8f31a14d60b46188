// HttpServer: one coroutine per connection on a single-threaded io_context owned by the server,
// the same exchange over a plain TCP stream or a TLS stream on it (set_tls).
// The only translation unit of the server that includes Beast.
#include "lib/net/http_server.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <exception>
#include <map>
#include <optional>
#include <stdexcept>
#include <thread>
#include <type_traits>
#include <utility>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/stream_base.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "lib/net/server_tls_impl.hpp"

namespace tcfeed::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr auto kAsTuple = asio::as_tuple(asio::use_awaitable);

// Written straight into a fresh socket: a connection over the cap gets no coroutine, no buffer
// and no timer, only this and a close, so a flood of connections costs next to nothing.
constexpr std::string_view kBusyReply =
    "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
    "Content-Length: 21\r\nConnection: close\r\n\r\ntoo many connections\n";

HttpReply plain(int status, std::string body) {
  return HttpReply{status, "text/plain; charset=utf-8", std::move(body), {}};
}

// Closing a socket with unread input makes the kernel send a reset, which can destroy a refusal
// just written before the client reads it. Reading what the client still sends, briefly and up
// to a bound, lets the answer arrive.
asio::awaitable<void> drain(beast::tcp_stream& stream, std::chrono::milliseconds limit) {
  std::array<char, 4096> scratch{};
  std::size_t total = 0;
  stream.expires_after(std::min<std::chrono::milliseconds>(limit, std::chrono::seconds(1)));
  while (total < 64 * 1024) {
    auto [ec, bytes] = co_await stream.async_read_some(asio::buffer(scratch), kAsTuple);
    if (ec) break;
    total += bytes;
  }
}

}  // namespace

struct HttpServer::Impl {
  Impl(std::string listen_text, Handler request_handler, HttpServerLimits server_limits)
      : listen(std::move(listen_text)), handler(std::move(request_handler)), limits(server_limits) {
    try {
      address = parse_listen_address(listen);
    } catch (const std::invalid_argument& error) {
      throw std::invalid_argument(fmt::format("http.listen: {}", error.what()));
    }
    if (!handler) throw std::invalid_argument("HttpServer needs a handler");
  }

  asio::awaitable<void> accept_loop();
  asio::awaitable<void> serve(tcp::socket socket);
  // Requests and answers on one connection until either side closes: `Stream` is the TCP stream
  // itself or a TLS stream over it, whose handshake comes first.
  template <class Stream>
  asio::awaitable<void> exchange(Stream& stream);
  HttpReply answer(const http::request_parser<http::empty_body>& parser, const tcp::endpoint& peer, bool& close) const;
  void close_all();
  // Closes the connection that has waited longest for a request header; false when none waits.
  bool evict_idlest();

  std::string listen;
  Handler handler;
  Handler post_handler;
  std::string route_prefix;
  RouteHandler route_handler;
  HttpServerLimits limits;
  bool secure = false;             // TLS: fixed at start()
  std::shared_ptr<ServerTls> tls;  // the certificate new connections get; touched on the server thread once started
  ListenAddress address;
  asio::io_context io{1};
  tcp::acceptor acceptor{io};
  asio::steady_timer accept_retry{io};
  // Each open connection, with when it began waiting for a request header (empty while it is
  // being answered). Touched only on the server thread.
  std::map<beast::tcp_stream*, std::optional<std::chrono::steady_clock::time_point>> open;
  bool stopping = false;  // likewise
  bool started = false;
  std::atomic<std::uint16_t> bound_port{0};
  std::thread thread;
};

asio::awaitable<void> HttpServer::Impl::accept_loop() {
  while (true) {
    auto [ec, socket] = co_await acceptor.async_accept(kAsTuple);
    if (stopping) co_return;
    if (ec) {
      // Out of file descriptors, mostly: accepting again at once would spin on the same error.
      accept_retry.expires_after(std::chrono::milliseconds(100));
      co_await accept_retry.async_wait(kAsTuple);
      continue;
    }
    if (open.size() >= limits.max_connections && !evict_idlest()) {
      boost::system::error_code ignored;
      socket.non_blocking(true, ignored);
      // A TLS client could not read a plain answer: it gets the close alone.
      if (!secure) socket.send(asio::buffer(kBusyReply), 0, ignored);
      socket.shutdown(tcp::socket::shutdown_both, ignored);
      continue;  // the socket closes as it goes out of scope
    }
    asio::co_spawn(io, serve(std::move(socket)), [](const std::exception_ptr& failure) {
      if (!failure) return;
      try {
        std::rethrow_exception(failure);
      } catch (const std::exception& error) {
        spdlog::warn("http: connection failed: {}", error.what());
      }
    });
  }
}

HttpReply HttpServer::Impl::answer(const http::request_parser<http::empty_body>& parser, const tcp::endpoint& peer,
                                   bool& close) const {
  const auto& request = parser.get();
  const auto length = parser.content_length();
  // The body is never read, so after one the connection cannot be framed again.
  const bool has_body = parser.chunked() || (length && *length > 0);
  close = close || has_body;
  const bool post = request.method() == http::verb::post && post_handler;
  if (request.method() != http::verb::get && request.method() != http::verb::head && !post) {
    return plain(405, post_handler ? "only GET, HEAD and POST\n" : "only GET and HEAD\n");
  }
  if (has_body) return plain(413, "request bodies are not accepted\n");
  if (post) {
    const auto peer_address = peer.address();
    const bool loopback = peer_address.is_loopback() ||
                          (peer_address.is_v6() && peer_address.to_v6().is_v4_mapped() &&
                           asio::ip::make_address_v4(asio::ip::v4_mapped, peer_address.to_v6()).is_loopback());
    if (!loopback) return plain(403, "POST is accepted from loopback only\n");
    // A page in a browser on this machine may POST here; a browser says so with Origin.
    if (request.find(http::field::origin) != request.end()) return plain(403, "cross-origin POST refused\n");
  }
  try {
    const std::string_view target = request.target();
    HttpReply reply;
    if (!post && route_handler && target.substr(0, target.find('?')).starts_with(route_prefix)) {
      HttpRequestView view{request.method_string(), target, {}};
      for (const auto& field : request) view.headers.emplace_back(field.name_string(), field.value());
      reply = route_handler(view);
    } else {
      reply = (post ? post_handler : handler)(request.method_string(), target);
    }
    if (reply.status < 200 || reply.status > 599) {
      throw std::logic_error(fmt::format("handler answered status {}", reply.status));
    }
    return reply;
  } catch (const std::exception& error) {
    // The message may hold paths or database errors: logged here, not sent to whoever asked.
    const std::string_view target = request.target();
    spdlog::error("http: handler for {} failed: {}", target.substr(0, target.find('?')), error.what());
  } catch (...) {
    spdlog::error("http: handler failed with a non-standard exception");
  }
  return plain(500, "internal server error\n");
}

bool HttpServer::Impl::evict_idlest() {
  auto idlest = open.end();
  for (auto it = open.begin(); it != open.end(); ++it) {
    if (it->second && (idlest == open.end() || *it->second < *idlest->second)) idlest = it;
  }
  if (idlest == open.end()) return false;
  boost::system::error_code ignored;
  idlest->first->socket().close(ignored);  // its read ends now and its coroutine with it
  open.erase(idlest);                      // its slot is free at once
  return true;
}

asio::awaitable<void> HttpServer::Impl::serve(tcp::socket socket) {
  if (!secure) {
    beast::tcp_stream stream(std::move(socket));
    co_await exchange(stream);
    co_return;
  }
  // The connection holds the context it began with, so a certificate replaced meanwhile
  // (set_tls on reload) is not freed under it.
  const std::shared_ptr<ServerTls> context = tls;
  beast::ssl_stream<beast::tcp_stream> stream(std::move(socket), context->context);
  co_await exchange(stream);
}

template <class Stream>
asio::awaitable<void> HttpServer::Impl::exchange(Stream& stream) {
  constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;
  beast::tcp_stream& tcp_layer = beast::get_lowest_layer(stream);
  open.emplace(&tcp_layer, std::chrono::steady_clock::now());
  struct Forget {
    std::map<beast::tcp_stream*, std::optional<std::chrono::steady_clock::time_point>>& open;
    beast::tcp_stream* stream;
    ~Forget() { open.erase(stream); }
  } forget{open, &tcp_layer};
  if (stopping) co_return;
  if constexpr (kTls) {
    // The handshake counts as waiting for a request: a client that stalls in it holds its slot
    // no longer than a silent one, and is the first evicted at the cap.
    tcp_layer.expires_after(limits.read_timeout);
    auto [handshake_ec] = co_await stream.async_handshake(asio::ssl::stream_base::server, kAsTuple);
    if (handshake_ec) {
      // Plain HTTP sent to the TLS port, a scanner, a client that refuses the certificate: there
      // is nobody to answer in HTTP. Debug only: anyone who can connect could fill the log.
      spdlog::debug("http: TLS handshake failed: {}", handshake_ec.message());
      co_return;
    }
  }

  beast::flat_buffer buffer;
  bool unread_input = false;  // the client sent bytes this server refused to read
  while (true) {
    http::request_parser<http::empty_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
    // The whole header within read_timeout, however slowly it trickles in.
    tcp_layer.expires_after(limits.read_timeout);
    const auto waiting = open.find(&tcp_layer);
    if (waiting == open.end()) break;  // evicted between two requests
    if (!waiting->second) waiting->second = std::chrono::steady_clock::now();
    auto [read_ec, read_bytes] = co_await http::async_read_header(stream, buffer, parser, kAsTuple);
    if (const auto busy = open.find(&tcp_layer); busy != open.end()) busy->second.reset();
    HttpReply reply;
    bool close = false;
    unsigned version = 11;
    bool head = false;
    if (read_ec == http::error::header_limit) {
      reply = plain(431, "request header too large\n");
      close = unread_input = true;
    } else if (read_ec && read_ec.category() == http::make_error_code(http::error::bad_target).category() &&
               read_ec != http::error::end_of_stream && read_ec != http::error::partial_message) {
      reply = plain(400, "bad request\n");
      close = unread_input = true;
    } else if (read_ec) {
      break;  // the client left, was silent too long, or the server stops: nothing to answer
    } else {
      version = parser.get().version();
      head = parser.get().method() == http::verb::head;
      close = !parser.get().keep_alive();
      boost::system::error_code peer_ec;
      const tcp::endpoint peer = tcp_layer.socket().remote_endpoint(peer_ec);
      reply = answer(parser, peer, close);
      unread_input = parser.chunked() || parser.content_length().value_or(0) > 0;
    }

    http::response<http::string_body> response{static_cast<http::status>(reply.status), version};
    response.set(http::field::content_type, reply.content_type);
    // Status and metrics are live views: a cached copy would show an operator the past.
    response.set(http::field::cache_control, "no-store");
    response.set("X-Content-Type-Options", "nosniff");
    if (reply.status == 405) response.set(http::field::allow, post_handler ? "GET, HEAD, POST" : "GET, HEAD");
    for (const auto& [name, value] : reply.headers) response.set(name, value);
    response.keep_alive(!close);
    if (head) {
      response.content_length(reply.body.size());
    } else {
      response.body() = std::move(reply.body);
      response.prepare_payload();
    }
    tcp_layer.expires_after(limits.read_timeout);
    auto [write_ec, written] = co_await http::async_write(stream, response, kAsTuple);
    if (write_ec) break;
    if (close) {
      if constexpr (kTls) {
        // close_notify, so the client can tell the end of the answer from a cut connection.
        tcp_layer.expires_after(std::min<std::chrono::milliseconds>(limits.read_timeout, std::chrono::seconds(1)));
        co_await stream.async_shutdown(kAsTuple);
      }
      break;
    }
  }
  boost::system::error_code ignored;
  tcp_layer.socket().shutdown(tcp::socket::shutdown_send, ignored);
  if (unread_input) co_await drain(tcp_layer, limits.read_timeout);
}

void HttpServer::Impl::close_all() {
  stopping = true;
  boost::system::error_code ignored;
  acceptor.close(ignored);
  accept_retry.cancel();
  for (const auto& [stream, waiting] : open) stream->socket().close(ignored);
}

HttpServer::HttpServer(std::string listen, Handler handler, HttpServerLimits limits)
    : impl_(std::make_unique<Impl>(std::move(listen), std::move(handler), limits)) {}

HttpServer::~HttpServer() { stop(); }

void HttpServer::set_post_handler(Handler handler) {
  if (impl_->started) throw std::logic_error("HttpServer::set_post_handler: before start()");
  impl_->post_handler = std::move(handler);
}

void HttpServer::set_tls(std::shared_ptr<ServerTls> tls) {
  if (!tls) throw std::invalid_argument("HttpServer::set_tls needs a context");
  Impl& impl = *impl_;
  if (!impl.started) {
    impl.secure = true;
    impl.tls = std::move(tls);
    return;
  }
  if (!impl.secure) throw std::logic_error("HttpServer::set_tls: a server started plain stays plain");
  asio::post(impl.io, [&impl, tls = std::move(tls)]() mutable { impl.tls = std::move(tls); });
}

void HttpServer::set_route(std::string prefix, RouteHandler handler) {
  if (impl_->started) throw std::logic_error("HttpServer::set_route: before start()");
  impl_->route_prefix = std::move(prefix);
  impl_->route_handler = std::move(handler);
}

std::optional<std::string_view> HttpRequestView::header(std::string_view name) const {
  for (const auto& [field, value] : headers) {
    if (field.size() == name.size() && std::equal(field.begin(), field.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        })) {
      return value;
    }
  }
  return std::nullopt;
}

void HttpServer::start() {
  Impl& impl = *impl_;
  if (impl.started) throw std::logic_error("HttpServer::start: a server starts once");
  impl.started = true;
  const tcp::endpoint endpoint(asio::ip::make_address(impl.address.host), impl.address.port);
  boost::system::error_code ec;
  const auto check = [&](const char* step) {
    if (!ec) return;
    boost::system::error_code ignored;
    impl.acceptor.close(ignored);
    std::string reason = ec.message();
    if (!reason.empty()) reason[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(reason[0])));
    throw std::runtime_error(fmt::format("http.listen {}: {}{}", impl.listen, step, reason));
  };
  impl.acceptor.open(endpoint.protocol(), ec);
  check("cannot open a socket: ");
  // A restarted daemon must be able to listen again while the old connections linger in TIME_WAIT.
  impl.acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  check("");
  impl.acceptor.bind(endpoint, ec);
  check("");
  impl.acceptor.listen(tcp::socket::max_listen_connections, ec);
  check("");
  impl.bound_port = impl.acceptor.local_endpoint().port();
  asio::co_spawn(impl.io, impl.accept_loop(), [](const std::exception_ptr& failure) {
    if (failure) std::rethrow_exception(failure);  // a bug: end the process rather than go deaf
  });
  impl.thread = std::thread([&impl] { impl.io.run(); });
}

std::uint16_t HttpServer::port() const { return impl_->bound_port; }

void HttpServer::stop() {
  Impl& impl = *impl_;
  if (!impl.thread.joinable()) return;
  if (impl.thread.get_id() == std::this_thread::get_id()) {
    throw std::logic_error("HttpServer::stop called from its own handler would wait for itself");
  }
  asio::post(impl.io, [&impl] { impl.close_all(); });
  // Every coroutine ends once its socket is closed, and run() returns when nothing is left.
  impl.thread.join();
}

}  // namespace tcfeed::net
