#include "tests/sandbox/server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <unistd.h>
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>

namespace tcfeed::sandbox {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using Stream = beast::ssl_stream<beast::tcp_stream>;

constexpr auto kIdleTimeout = std::chrono::seconds(60);
constexpr std::uint64_t kBodyLimit = 64ull * 1024 * 1024;
constexpr std::uint32_t kHeaderLimit = 64 * 1024;
constexpr auto kToken = asio::as_tuple(asio::use_awaitable);

void log_request(std::string_view method, std::string_view target, int status) {
  // Path only: query values may carry owner names, never needed to read the log.
  std::cerr << method << ' ' << target.substr(0, target.find('?')) << ' ' << status << '\n';
}

Request to_request(http::request<http::string_body>& message) {
  Request request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  for (const auto& field : message) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  request.body = std::move(message.body());
  request.now = static_cast<std::int64_t>(std::time(nullptr));
  return request;
}

http::response<http::string_body> to_message(Response& response, unsigned version, bool keep_alive, bool head,
                                             const std::string& date) {
  http::response<http::string_body> message{static_cast<http::status>(response.status), version};
  message.set(http::field::server, "tcfeed-sandbox");
  message.set(http::field::date, date);  // always: clients measure clock skew from it
  if (!response.content_type.empty()) message.set(http::field::content_type, response.content_type);
  for (const auto& [name, value] : response.headers) message.set(name, value);
  message.keep_alive(keep_alive);
  if (head) {
    message.content_length(response.body.size());
  } else {
    message.body() = std::move(response.body);
    message.prepare_payload();
  }
  return message;
}

// Answers a request the parser refused (too large) and gives up on the connection: the rest of
// its bytes cannot be framed.
asio::awaitable<void> refuse(Stream& stream, const Router& router, std::string_view method, std::string_view target,
                             int status, std::string_view message_text) {
  Response response = failure(status, message_text);
  auto message = to_message(response, 11, false, false, router.date_header());
  log_request(method, target, status);
  beast::get_lowest_layer(stream).expires_after(kIdleTimeout);
  co_await http::async_write(stream, message, kToken);
}

// The header (with the full Content-Length) and `body_bytes` of the body, never all of it: the
// client must see a response cut mid-body. A negative count sends nothing.
asio::awaitable<void> send_cut(Stream& stream, const http::response<http::string_body>& response,
                               std::int64_t body_bytes) {
  if (body_bytes < 0) co_return;
  std::ostringstream serialized;
  serialized << response;
  const std::string wire = serialized.str();
  const auto header_end = wire.find("\r\n\r\n") + 4;
  const auto body_size = wire.size() - header_end;
  const auto sent = std::min<std::size_t>(static_cast<std::size_t>(body_bytes), body_size > 0 ? body_size - 1 : 0);
  beast::get_lowest_layer(stream).expires_after(kIdleTimeout);
  co_await asio::async_write(stream, asio::buffer(wire.data(), header_end + sent), kToken);
}

// `bytes` of host names, one a line (`host-<n>.generated.example`), sent as they are made: the
// body has no Content-Length and ends when the connection closes, or earlier when the client
// hangs up.
asio::awaitable<void> send_generated(Stream& stream, const std::string& date, std::uint64_t bytes) {
  const std::string header = "HTTP/1.1 200 OK\r\nServer: tcfeed-sandbox\r\nDate: " + date +
                             "\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n";
  auto& tcp_layer = beast::get_lowest_layer(stream);
  tcp_layer.expires_after(kIdleTimeout);
  if (auto [ec, n] = co_await asio::async_write(stream, asio::buffer(header), kToken); ec) co_return;
  std::string chunk;
  std::uint64_t line = 0;
  while (bytes > 0) {
    chunk.clear();
    while (chunk.size() < 64 * 1024) chunk += "host-" + std::to_string(line++) + ".generated.example\n";
    const auto size = static_cast<std::size_t>(std::min<std::uint64_t>(bytes, chunk.size()));
    tcp_layer.expires_after(kIdleTimeout);
    if (auto [ec, n] = co_await asio::async_write(stream, asio::buffer(chunk.data(), size), kToken); ec) co_return;
    bytes -= size;
  }
}

// The whole answer, its body `bytes` at a time with `interval` between: a source that trickles,
// each read of the client's getting something long before its read timeout. False when the client
// went away.
asio::awaitable<bool> send_trickle(Stream& stream, const http::response<http::string_body>& response,
                                   std::int64_t bytes, std::chrono::milliseconds interval) {
  std::ostringstream serialized;
  serialized << response;
  const std::string wire = serialized.str();
  std::size_t sent = wire.find("\r\n\r\n") + 4;
  auto& tcp_layer = beast::get_lowest_layer(stream);
  tcp_layer.expires_after(kIdleTimeout);
  if (auto [ec, n] = co_await asio::async_write(stream, asio::buffer(wire.data(), sent), kToken); ec) co_return false;
  while (sent < wire.size()) {
    asio::steady_timer timer(co_await asio::this_coro::executor, interval);
    co_await timer.async_wait(kToken);
    const auto piece = std::min<std::size_t>(static_cast<std::size_t>(bytes), wire.size() - sent);
    tcp_layer.expires_after(kIdleTimeout);
    if (auto [ec, n] = co_await asio::async_write(stream, asio::buffer(wire.data() + sent, piece), kToken); ec) {
      co_return false;
    }
    sent += piece;
  }
  co_return true;
}

asio::awaitable<void> serve_connection(Stream stream, Router& router) {
  auto& tcp_layer = beast::get_lowest_layer(stream);
  tcp_layer.expires_after(kIdleTimeout);
  if (auto [ec] = co_await stream.async_handshake(ssl::stream_base::server, kToken); ec) co_return;
  beast::flat_buffer buffer;
  while (true) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(kHeaderLimit);
    parser.body_limit(kBodyLimit);
    tcp_layer.expires_after(kIdleTimeout);
    if (auto [ec, bytes] = co_await http::async_read_header(stream, buffer, parser, kToken); ec) {
      if (ec == http::error::header_limit) {
        co_await refuse(stream, router, "-", "-", 431, "Request header too large");
      } else if (ec == http::error::body_limit) {  // the parser checks Content-Length itself
        const auto& header = parser.get();
        co_await refuse(stream, router, header.method_string(), header.target(), 413, "Request body too large");
      }
      break;
    }
    const auto& header = parser.get();
    const std::string method(header.method_string());
    const std::string target(header.target());
    if (const auto length = parser.content_length(); length && *length > kBodyLimit) {
      co_await refuse(stream, router, method, target, 413, "Request body too large");
      break;
    }
    if (beast::iequals(header[http::field::expect], "100-continue")) {
      http::response<http::empty_body> go_on{http::status::continue_, header.version()};
      go_on.set(http::field::date, router.date_header());
      co_await http::async_write(stream, go_on, kToken);
    }
    if (auto [ec, bytes] = co_await http::async_read(stream, buffer, parser, kToken); ec) {
      if (ec == http::error::body_limit) co_await refuse(stream, router, method, target, 413, "Request body too large");
      break;
    }
    auto message = parser.release();
    const bool keep_alive = message.keep_alive();
    const unsigned version = message.version();
    Reply reply = router.handle(to_request(message));
    if (reply.delay.count() > 0) {
      asio::steady_timer timer(co_await asio::this_coro::executor, reply.delay);
      co_await timer.async_wait(kToken);
    }
    if (reply.generate_bytes) {
      log_request(method, target, 200);
      co_await send_generated(stream, router.date_header(), *reply.generate_bytes);
      break;
    }
    auto response = to_message(reply.response, version, keep_alive, method == "HEAD", router.date_header());
    if (reply.cut_after) {
      log_request(method, target, 0);
      co_await send_cut(stream, response, *reply.cut_after);
      tcp_layer.close();  // no TLS close_notify: the client sees a cut connection
      co_return;
    }
    log_request(method, target, reply.response.status);
    if (reply.trickle) {
      if (!co_await send_trickle(stream, response, reply.trickle->first, reply.trickle->second)) co_return;
      if (!keep_alive) break;
      continue;
    }
    tcp_layer.expires_after(kIdleTimeout);
    if (auto [ec, bytes] = co_await http::async_write(stream, response, kToken); ec) co_return;
    if (!keep_alive) break;
  }
  tcp_layer.expires_after(std::chrono::seconds(5));
  co_await stream.async_shutdown(kToken);
}

asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, ssl::context& tls, Router& router, Stats& stats) {
  while (true) {
    auto [ec, socket] = co_await acceptor.async_accept(kToken);
    if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
    if (ec) continue;
    ++stats.connections;
    auto executor = socket.get_executor();
    asio::co_spawn(executor, serve_connection(Stream(beast::tcp_stream(std::move(socket)), tls), router),
                   [](std::exception_ptr failure_ptr) {
                     if (!failure_ptr) return;
                     try {
                       std::rethrow_exception(failure_ptr);
                     } catch (const std::exception& error) {
                       std::cerr << "connection failed: " << error.what() << '\n';
                     }
                   });
  }
}

void write_port_file(const std::string& path, std::uint16_t port) {
  // Temp file then rename: a test polling for the file never reads half a number.
  const std::string temporary = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << port << '\n';
    if (!out.flush()) throw std::runtime_error("cannot write " + temporary);
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    throw std::runtime_error("cannot rename " + temporary + " to " + path);
  }
}

}  // namespace

int run_server(const Options& options, Router& router, Stats& stats) {
  asio::io_context io(1);
  ssl::context tls(ssl::context::tls_server);
  tls.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                  ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
  SSL_CTX_set_min_proto_version(tls.native_handle(), TLS1_2_VERSION);
  tls.use_certificate_chain_file(options.cert_file);
  tls.use_private_key_file(options.key_file, ssl::context::pem);
  if (!options.client_ca_file.empty()) {
    // As a TAXII server doing mutual TLS would: no certificate, or one of another CA, ends the
    // handshake with an alert.
    tls.load_verify_file(options.client_ca_file);
    tls.set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert);
  }

  const tcp::endpoint endpoint(asio::ip::make_address(options.listen_host), options.listen_port);
  tcp::acceptor acceptor(io, endpoint);  // sets SO_REUSEADDR
  const std::uint16_t port = acceptor.local_endpoint().port();
  if (!options.port_file.empty()) write_port_file(options.port_file, port);
  std::cout << "listening on " << options.listen_host << ':' << port << std::endl;

  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int signal_number) {
    if (ec) return;
    std::cerr << "signal " << signal_number << ", shutting down\n";
    acceptor.close();
    io.stop();
  });
  asio::co_spawn(io, accept_loop(acceptor, tls, router, stats), [](std::exception_ptr failure_ptr) {
    if (failure_ptr) std::rethrow_exception(failure_ptr);
  });
  io.run();
  return 0;
}

}  // namespace tcfeed::sandbox
