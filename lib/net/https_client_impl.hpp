#pragma once
// HttpsClient's private state, shared by its translation units: https_client.cpp (requests,
// errors, the event loop), client_connect.cpp (resolve, TCP, proxy tunnel, TLS) and
// client_exchange.cpp (write, read, body delivery). Beast lives here, so only lib/net includes it.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "lib/net/https_client.hpp"

namespace tcfeed::net {
namespace detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using asio::awaitable;
using tcp = asio::ip::tcp;
using Stream = beast::ssl_stream<beast::tcp_stream>;
using Request = http::request<http::string_body>;
using Clock = std::chrono::steady_clock;
using BodySink = std::function<void(std::string_view)>;

inline constexpr auto kAsTuple = asio::as_tuple(asio::use_awaitable);
// Real APIs send a few KiB of headers; the cap keeps a broken or hostile peer from growing memory.
inline constexpr std::uint32_t kHeaderLimit = 64 * 1024;

enum class Step {
  kResolve,
  kConnect,
  kProxyResolve,
  kProxyConnect,
  kProxyTunnel,
  kHandshake,
  kWrite,
  kReadHeader,
  kReadBody,
};

inline bool is_connect_step(Step step) { return step < Step::kWrite; }

}  // namespace detail

struct HttpsClient::Impl {
  explicit Impl(ClientOptions client_options);

  // https_client.cpp
  HttpResponse run(const HttpRequest& request, const detail::BodySink* on_body);
  detail::awaitable<HttpResponse> exchange(const HttpRequest& request, const detail::BodySink* on_body);
  detail::Request build(const HttpRequest& request) const;
  // The expiry of `step`: its own timeout, or the request deadline or (reading the body) the end
  // of the minimum-rate window when that comes first. Throws when a stop was requested.
  detail::Clock::time_point expiry(detail::Step step);
  [[noreturn]] void fail(detail::Step step, const boost::system::error_code& ec);
  [[noreturn]] void fail_stopped();
  // A TLS alert from the server, or a certificate it asked for and this side had none of: the
  // message that says so (TransportFailure::TlsRefused); empty for any other failure.
  std::string refusal(const boost::system::error_code& ec);
  [[noreturn]] void fail_too_slow();
  // Counts body bytes against the minimum rate; fails once a whole window fell short.
  void count_body(std::size_t bytes);
  std::size_t rate_quota() const;  // bytes each window must bring
  // On the io thread, posted by the stop callback: ends whatever the exchange waits for.
  void interrupt();
  void close();

  // client_connect.cpp
  detail::awaitable<void> connect();
  detail::awaitable<detail::tcp::resolver::results_type> resolve(const std::string& host, std::uint16_t port,
                                                                 detail::Step step);
  detail::awaitable<void> open_tunnel();

  // client_exchange.cpp: empty when a reused connection turned out closed before any answer.
  detail::awaitable<std::optional<HttpResponse>> round_trip(detail::Request& request, bool reused,
                                                            const detail::BodySink* on_body);

  ClientOptions options;
  std::string origin;  // "host:port" for messages and the CONNECT request-target
  std::string host_header;
  const ProxyOptions* proxy = nullptr;  // the proxy in use: null when none or bypassed
  std::string proxy_name;               // "host:port" of that proxy
  detail::asio::io_context io;
  detail::ssl::context tls_context{detail::ssl::context::tls_client};
  detail::tcp::resolver resolver{io};
  std::optional<detail::Stream> stream;
  detail::beast::flat_buffer buffer;
  std::size_t connections = 0;
  detail::Clock::time_point deadline;          // of the send() under way
  detail::Clock::time_point connect_deadline;  // of the connection being opened
  enum class Binds { Step, Deadline, Rate };
  Binds binds = Binds::Step;  // which limit the last expiry() returned
  // The minimum rate while a body is read: the current window's end, and its bytes so far.
  std::optional<detail::Clock::time_point> rate_window_end;
  std::size_t rate_window_bytes = 0;
  detail::asio::steady_timer* resolve_timer = nullptr;  // the wait of a lookup in progress
};

}  // namespace tcfeed::net
