#include "lib/net/http_probe.hpp"

#include <exception>
#include <memory>
#include <optional>

#include <fmt/format.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "lib/net/https_client.hpp"
#include "lib/net/tls_policy.hpp"

namespace tcfeed::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr auto kAsTuple = asio::as_tuple(asio::use_awaitable);

struct Exchange {
  std::string host;
  std::uint16_t port;
  std::string target;
  std::string method;
  std::string origin;  // host:port for messages and the Host header
  Clock::time_point deadline;
  std::chrono::milliseconds budget;

  [[noreturn]] void fail(const char* step, const beast::error_code& ec) const {
    if (ec == beast::error::timeout) {
      throw TransportError(
          fmt::format("no answer from {} within {}s ({})", origin, static_cast<double>(budget.count()) / 1000.0, step));
    }
    throw TransportError(fmt::format("{} {} failed: {}", step, origin, ec.message()));
  }

  asio::awaitable<ProbeResponse> run() {
    auto executor = co_await asio::this_coro::executor;
    beast::tcp_stream stream(executor);
    stream.expires_at(deadline);
    // An IP literal (the usual case: the loopback listener) needs no resolver and so cannot hang
    // in getaddrinfo, which no deadline can interrupt.
    beast::error_code ec;
    const auto literal = asio::ip::make_address(host, ec);
    if (!ec) {
      auto [connect_ec] = co_await stream.async_connect(tcp::endpoint(literal, port), kAsTuple);
      if (connect_ec) fail("connect to", connect_ec);
    } else {
      tcp::resolver resolver(executor);
      auto [resolve_ec, endpoints] = co_await resolver.async_resolve(host, std::to_string(port), kAsTuple);
      if (resolve_ec) fail("resolving", resolve_ec);
      auto [connect_ec, endpoint] = co_await stream.async_connect(endpoints, kAsTuple);
      if (connect_ec) fail("connect to", connect_ec);
    }

    http::request<http::empty_body> request{http::string_to_verb(method), target, 11};
    request.set(http::field::host, origin);
    request.set(http::field::user_agent, "tcfeed-probe/" TCFEED_VERSION);
    request.keep_alive(false);
    request.prepare_payload();  // a POST says Content-Length: 0
    auto [write_ec, written] = co_await http::async_write(stream, request, kAsTuple);
    if (write_ec) fail("sending the request to", write_ec);

    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.header_limit(16 * 1024);
    parser.body_limit(kProbeBodyLimit);
    auto [read_ec, read] = co_await http::async_read(stream, buffer, parser, kAsTuple);
    // The status is what counts: a body over the limit still leaves a complete header.
    if (read_ec && !(read_ec == http::error::body_limit && parser.is_header_done())) {
      fail("reading the response from", read_ec);
    }
    ProbeResponse response;
    response.status = static_cast<int>(parser.get().result_int());
    response.reason = std::string(parser.get().reason());
    response.body = std::move(parser.get().body());
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    co_return response;
  }
};

}  // namespace

ProbeResponse http_probe(const std::string& host, std::uint16_t port, const std::string& target,
                         std::chrono::milliseconds deadline, const std::string& method) {
  Exchange exchange{host, port, target, method, tls::origin(host, port), Clock::now() + deadline, deadline};
  auto io = std::make_unique<asio::io_context>(1);
  std::optional<ProbeResponse> result;
  std::exception_ptr failure;
  asio::co_spawn(*io, exchange.run(), [&](std::exception_ptr error, ProbeResponse response) {
    failure = std::move(error);
    result = std::move(response);
  });
  // The stream's own expiry ends connect, write and read at the deadline; this bound is for the
  // name lookup, which has none.
  const auto give_up = exchange.deadline + std::chrono::milliseconds(100);
  while (!result && !failure && io->run_one_until(give_up) > 0) {
  }
  if (failure) std::rethrow_exception(failure);
  if (!result) {
    // getaddrinfo cannot be interrupted, and destroying the context would wait for it. The probe
    // is a short-lived process about to exit with this error, so the context is left to the exit.
    static_cast<void>(io.release());
    throw TransportError(fmt::format("no answer from {} within {}s (resolve)", exchange.origin,
                                     static_cast<double>(deadline.count()) / 1000.0));
  }
  return std::move(*result);
}

}  // namespace tcfeed::net
