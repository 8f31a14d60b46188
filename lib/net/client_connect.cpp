// Opening a connection: resolve, TCP, the proxy tunnel when one is in use, then TLS with the
// origin. connect_timeout bounds all of it together; the request deadline bounds it too.
#include <memory>
#include <utility>

#include <fmt/format.h>
#include <boost/asio/steady_timer.hpp>

#include "lib/net/https_client_impl.hpp"
#include "lib/net/tls_policy.hpp"

namespace tcfeed::net {

using namespace detail;  // NOLINT(google-build-using-namespace): this file implements detail

// getaddrinfo cannot be interrupted: on timeout the coroutine stops waiting and the lookup's late
// completion lands in `pending`, which it keeps alive, and is ignored.
awaitable<tcp::resolver::results_type> HttpsClient::Impl::resolve(const std::string& host, std::uint16_t port,
                                                                  Step step) {
  struct Pending {
    explicit Pending(asio::io_context& context) : timer(context) {}
    asio::steady_timer timer;
    beast::error_code ec;
    tcp::resolver::results_type results;
    bool done = false;
  };
  auto pending = std::make_shared<Pending>(io);
  pending->timer.expires_at(expiry(step));
  resolve_timer = &pending->timer;
  resolver.async_resolve(host, std::to_string(port),
                         [pending](const beast::error_code& ec, tcp::resolver::results_type found) {
                           pending->ec = ec;
                           pending->results = std::move(found);
                           pending->done = true;
                           pending->timer.cancel();
                         });
  co_await pending->timer.async_wait(kAsTuple);
  resolve_timer = nullptr;
  if (!pending->done) {
    resolver.cancel();
    fail(step, beast::error::timeout);
  }
  if (pending->ec) {
    fail(step, pending->ec);
  }
  co_return pending->results;
}

// CONNECT origin HTTP/1.1 on the raw TCP connection to the proxy; after a 2xx the connection is
// a byte pipe to the origin, and TLS runs through it end to end.
awaitable<void> HttpsClient::Impl::open_tunnel() {
  beast::tcp_stream& tcp_layer = beast::get_lowest_layer(*stream);
  http::request<http::empty_body> request{http::verb::connect, origin, 11};
  request.set(http::field::host, origin);
  request.set(http::field::user_agent, "tcfeed/" TCFEED_VERSION);
  if (!proxy->username.empty()) {
    const Secret authorization = basic_proxy_authorization(*proxy);
    request.set(http::field::proxy_authorization, authorization.reveal());
  }
  tcp_layer.expires_at(expiry(Step::kProxyTunnel));
  auto [write_ec, written] = co_await http::async_write(tcp_layer, request, kAsTuple);
  if (write_ec) {
    fail(Step::kProxyTunnel, write_ec);
  }

  // A CONNECT answer has no body to read: a 2xx is followed by the tunnel, anything else by
  // whatever the proxy says, which is not read since the connection is closed.
  http::response_parser<http::empty_body> parser;
  parser.header_limit(kHeaderLimit);
  parser.skip(true);
  tcp_layer.expires_at(expiry(Step::kProxyTunnel));
  auto [read_ec, read] = co_await http::async_read_header(tcp_layer, buffer, parser, kAsTuple);
  if (read_ec) {
    fail(Step::kProxyTunnel, read_ec);
  }
  const unsigned status = parser.get().result_int();
  if (status < 200 || status > 299) {
    close();
    throw TransportError(fmt::format("proxy {} refused CONNECT to {}: HTTP {}", proxy_name, origin, status), true);
  }
  if (buffer.size() != 0) {
    close();  // TLS speaks first from this side: bytes already here did not come from the origin
    throw TransportError(fmt::format("proxy {} sent data after accepting CONNECT to {}", proxy_name, origin));
  }
}

awaitable<void> HttpsClient::Impl::connect() {
  close();
  connect_deadline = Clock::now() + options.connect_timeout;
  const Step connect_step = proxy ? Step::kProxyConnect : Step::kConnect;
  tcp::resolver::results_type endpoints;
  if (proxy) {
    endpoints = co_await resolve(proxy->host, proxy->port, Step::kProxyResolve);
  } else {
    endpoints = co_await resolve(options.host, options.port, Step::kResolve);
  }

  stream.emplace(io, tls_context);
  // The name the certificate must carry is always the origin's, also through a proxy.
  tls::configure_session(stream->native_handle(), options.host);
  beast::tcp_stream& tcp_layer = beast::get_lowest_layer(*stream);
  tcp_layer.expires_at(expiry(connect_step));
  auto [connect_ec, endpoint] = co_await tcp_layer.async_connect(endpoints, kAsTuple);
  if (connect_ec) {
    fail(connect_step, connect_ec);
  }
  ++connections;
  if (proxy) {
    co_await open_tunnel();
  }

  tcp_layer.expires_at(expiry(Step::kHandshake));
  auto [handshake_ec] = co_await stream->async_handshake(ssl::stream_base::client, kAsTuple);
  if (handshake_ec == beast::error::timeout) {
    fail(Step::kHandshake, handshake_ec);
  }
  if (handshake_ec) {
    if (options.stop.stop_requested()) fail_stopped();
    const bool verified = SSL_get_verify_result(stream->native_handle()) == X509_V_OK;
    if (std::string refused = verified ? refusal(handshake_ec) : std::string(); !refused.empty()) {
      close();
      throw TransportError(fmt::format("TLS handshake with {} refused by the server: {}", origin, refused), true,
                           TransportFailure::TlsRefused);
    }
    const std::string reason =
        tls::describe_handshake_failure(stream->native_handle(), options.host, handshake_ec.message());
    const bool certificate_refused = SSL_get_verify_result(stream->native_handle()) != X509_V_OK;
    close();
    throw TransportError(fmt::format("TLS handshake with {} failed: {}", origin, reason), certificate_refused);
  }
}

}  // namespace tcfeed::net
