#include "tests/unit/net/test_tls_server.hpp"

#include <atomic>
#include <chrono>
#include <mutex>
#include <string_view>
#include <thread>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "tests/unit/net/test_payloads.hpp"

namespace tcfeed::net::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using asio::awaitable;
using tcp = asio::ip::tcp;
using Stream = beast::ssl_stream<beast::tcp_stream>;

constexpr auto kAsTuple = asio::as_tuple(asio::use_awaitable);

enum class After { kKeepAlive, kClose, kTlsShutdown, kDropWithoutAnswer };

struct Reply {
  http::response<http::string_body> response{http::status::ok, 11};
  std::chrono::milliseconds delay{0};
  std::chrono::milliseconds drip{0};  // > 0: the body goes out a byte at a time, this far apart
  After after = After::kKeepAlive;
};

std::size_t number_after(std::string_view path, std::string_view prefix) {
  return std::stoul(std::string(path.substr(prefix.size())));
}

std::string request_header(const http::request<http::string_body>& request, std::string_view name) {
  const auto found = request.find(name);
  return found == request.end() ? "-" : std::string(found->value());
}

Reply route(const http::request<http::string_body>& request) {
  const std::string_view target = request.target();
  const std::string_view path = target.substr(0, target.find('?'));
  Reply reply;
  auto& response = reply.response;
  response.set(http::field::content_type, "text/plain");
  response.set("X-Test-Header", "Yes");
  if (path.starts_with("/echo")) {
    response.body() = std::string(request.method_string()) + " " + std::string(target) + "\n";
    for (const char* name : {"host", "user-agent", "content-length", "x-custom", "accept-encoding"}) {
      response.body() += std::string(name) + ": " + request_header(request, name) + "\n";
    }
    response.body() += "\n" + request.body();
  } else if (path.starts_with("/big/")) {
    response.body().assign(number_after(path, "/big/"), 'x');
  } else if (path.starts_with("/chunked/")) {
    response.body().assign(number_after(path, "/chunked/"), 'c');
    response.chunked(true);
  } else if (path == "/eof-body") {
    response.body() = "until the end of the stream";
    response.keep_alive(false);
    reply.after = After::kTlsShutdown;
    return reply;  // no prepare_payload: neither a length nor chunks
  } else if (path.starts_with("/gzip/")) {
    response.body() = gzip(sample_text(number_after(path, "/gzip/")));
    response.set(http::field::content_encoding, "gzip");
  } else if (path.starts_with("/gzip-zeros/")) {
    response.body() = gzip(std::string(number_after(path, "/gzip-zeros/") << 20, '\0'));
    response.set(http::field::content_encoding, "gzip");
  } else if (path.starts_with("/gzip-cut/")) {
    response.body() = gzip(sample_text(number_after(path, "/gzip-cut/")));
    response.body().resize(response.body().size() / 2);
    response.set(http::field::content_encoding, "gzip");
  } else if (path.starts_with("/drip/")) {
    const std::string_view rest = path.substr(6);
    response.body().assign(std::stoul(std::string(rest.substr(0, rest.find('/')))), 'd');
    reply.drip = std::chrono::milliseconds(std::stoul(std::string(rest.substr(rest.find('/') + 1))));
  } else if (path.starts_with("/slow/")) {
    reply.delay = std::chrono::milliseconds(number_after(path, "/slow/"));
    response.body() = "slow";
  } else if (path == "/close") {
    response.body() = "bye";
    response.keep_alive(false);
    reply.after = After::kClose;
  } else if (path == "/drop-after") {
    response.body() = "dropped afterwards";
    reply.after = After::kClose;
  } else if (path == "/drop") {
    reply.after = After::kDropWithoutAnswer;
  } else {
    response.result(http::status::not_found);
  }
  if (!response.chunked()) {
    response.prepare_payload();
  }
  return reply;
}

}  // namespace

struct TestTlsServer::Impl {
  Impl(const std::string& cert_file, const std::string& key_file) {
    tls.use_certificate_chain_file(cert_file);
    tls.use_private_key_file(key_file, ssl::context::pem);
    acceptor.open(tcp::v4());
    acceptor.set_option(tcp::acceptor::reuse_address(true));
    acceptor.bind({asio::ip::make_address_v4("127.0.0.1"), 0});
    acceptor.listen();
    asio::co_spawn(io, accept_loop(), asio::detached);
    thread = std::thread([this] { io.run(); });
  }

  ~Impl() {
    io.stop();
    thread.join();
  }

  awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(kAsTuple);
      if (ec) {
        co_return;
      }
      ++accepted;
      asio::co_spawn(io, session(std::move(socket)), asio::detached);
    }
  }

  awaitable<void> session(tcp::socket socket) {
    Stream stream(std::move(socket), tls);
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(5));
    auto [handshake_ec] = co_await stream.async_handshake(ssl::stream_base::server, kAsTuple);
    if (handshake_ec) {
      co_return;  // e.g. the client refused the certificate
    }
    beast::get_lowest_layer(stream).expires_never();
    if (const char* name = SSL_get_servername(stream.native_handle(), TLSEXT_NAMETYPE_host_name)) {
      std::lock_guard lock(mutex);
      server_name = name;
    } else {
      std::lock_guard lock(mutex);
      server_name.clear();
    }
    beast::flat_buffer buffer;
    for (;;) {
      http::request<http::string_body> request;
      auto [read_ec, read] = co_await http::async_read(stream, buffer, request, kAsTuple);
      if (read_ec) {
        co_return;
      }
      Reply reply = route(request);
      if (reply.delay.count() > 0) {
        asio::steady_timer timer(io, reply.delay);
        co_await timer.async_wait(kAsTuple);
      }
      beast::error_code ignored;
      if (reply.after == After::kDropWithoutAnswer) {
        beast::get_lowest_layer(stream).socket().close(ignored);
        co_return;
      }
      if (reply.drip.count() > 0) {
        co_await drip(stream, reply);
        continue;
      }
      auto [write_ec, written] = co_await http::async_write(stream, reply.response, kAsTuple);
      if (write_ec || reply.after == After::kClose) {
        beast::get_lowest_layer(stream).socket().close(ignored);
        co_return;
      }
      if (reply.after == After::kTlsShutdown) {
        co_await stream.async_shutdown(kAsTuple);
        beast::get_lowest_layer(stream).socket().close(ignored);
        co_return;
      }
    }
  }

  // The header at once, then the body a byte at a time: each read sees progress, the whole is slow.
  awaitable<void> drip(Stream& stream, const Reply& reply) {
    const std::string& body = reply.response.body();
    const std::string head = "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    co_await asio::async_write(stream, asio::buffer(head), kAsTuple);
    for (const char& byte : body) {
      asio::steady_timer timer(io, reply.drip);
      co_await timer.async_wait(kAsTuple);
      auto [ec, written] = co_await asio::async_write(stream, asio::buffer(&byte, 1), kAsTuple);
      if (ec) {
        co_return;
      }
    }
  }

  // Declared before io so that sessions destroyed with io still find it alive.
  ssl::context tls{ssl::context::tls_server};
  asio::io_context io;
  tcp::acceptor acceptor{io};
  std::atomic<std::size_t> accepted{0};
  mutable std::mutex mutex;
  std::string server_name;
  std::thread thread;
};

TestTlsServer::TestTlsServer(const std::string& cert_file, const std::string& key_file)
    : impl_(std::make_unique<Impl>(cert_file, key_file)) {}

TestTlsServer::~TestTlsServer() = default;

std::uint16_t TestTlsServer::port() const { return impl_->acceptor.local_endpoint().port(); }

std::size_t TestTlsServer::connections_accepted() const { return impl_->accepted.load(); }

std::string TestTlsServer::last_server_name() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->server_name;
}

}  // namespace tcfeed::net::testing
