#include "lib/net/https_client.hpp"

#include <exception>
#include <optional>
#include <stdexcept>
#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <fmt/format.h>

#include "lib/net/tls_policy.hpp"

namespace tcfeed::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using asio::awaitable;
using tcp = asio::ip::tcp;
using Stream = beast::ssl_stream<beast::tcp_stream>;
using Request = http::request<http::string_body>;
using Clock = std::chrono::steady_clock;

constexpr auto kAsTuple = asio::as_tuple(asio::use_awaitable);
// Real APIs send a few KiB of headers; the cap keeps a broken or hostile peer from growing memory.
constexpr std::uint32_t kHeaderLimit = 64 * 1024;
constexpr const char* kUserAgent = "tcfeed/" TCFEED_VERSION;

enum class Step { kResolve, kConnect, kHandshake, kWrite, kReadHeader, kReadBody };

struct StepText {
  const char* name;     // for "... timed out after 2s (name)"
  const char* failure;  // prefix of "<failure> host:port failed: reason"
};

constexpr StepText text_of(Step step) {
  switch (step) {
    case Step::kResolve: return {"resolve", "resolving"};
    case Step::kConnect: return {"connect", "connect to"};
    case Step::kHandshake: return {"TLS handshake", "TLS handshake with"};
    case Step::kWrite: return {"write request", "sending the request to"};
    case Step::kReadHeader: return {"read response header", "reading the response from"};
    case Step::kReadBody: return {"read response body", "reading the response body from"};
  }
  return {"?", "?"};
}

// How a kept connection the server closed while idle shows up on the next write or first read.
bool is_stale_connection(const beast::error_code& ec) {
  return ec == http::error::end_of_stream || ec == asio::error::eof ||
         ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
         ec == asio::error::connection_aborted || ec == ssl::error::stream_truncated;
}

// CR or LF in a header would let a value smuggle a second header or request into the stream.
bool has_line_break(std::string_view text) {
  return text.find_first_of("\r\n") != std::string_view::npos;
}

}  // namespace

struct HttpsClient::Impl {
  explicit Impl(ClientOptions client_options)
      : options(std::move(client_options)), origin(tls::origin(options.host, options.port)) {
    if (options.host.empty()) {
      throw std::invalid_argument("HttpsClient needs a host");
    }
    tls::configure_context(tls_context.native_handle(), options.ca_file);
    // RFC 9110 §7.2: the port is left out when it is the scheme's default.
    host_header = options.port == 443 ? origin.substr(0, origin.rfind(':')) : origin;
  }

  awaitable<HttpResponse> exchange(const HttpRequest& request);
  awaitable<void> connect();
  awaitable<tcp::resolver::results_type> resolve(Clock::time_point deadline);
  awaitable<std::optional<HttpResponse>> round_trip(Request& request, bool reused);
  Request build(const HttpRequest& request) const;
  [[noreturn]] void fail(Step step, const beast::error_code& ec);
  void close();

  ClientOptions options;
  std::string origin;
  std::string host_header;
  asio::io_context io;
  ssl::context tls_context{ssl::context::tls_client};
  tcp::resolver resolver{io};
  std::optional<Stream> stream;
  beast::flat_buffer buffer;
  std::size_t connections = 0;
};

Request HttpsClient::Impl::build(const HttpRequest& request) const {
  if (request.target.empty() || request.target.find_first_of(" \r\n") != std::string::npos) {
    throw std::invalid_argument("request target is empty or contains whitespace");
  }
  Request req;
  req.version(11);
  req.method_string(request.method);
  req.target(request.target);  // string_view: Beast sends it as is, no re-encoding
  req.set(http::field::host, host_header);
  req.set(http::field::user_agent, kUserAgent);
  for (const Header& header : request.headers) {
    if (header.name.empty() || has_line_break(header.name) || has_line_break(header.value)) {
      throw std::invalid_argument("header name is empty or a header contains a line break");
    }
    const http::field field = http::string_to_field(header.name);
    if (field == http::field::content_length || field == http::field::transfer_encoding) {
      continue;  // framing follows the body this client sends, nothing else
    }
    if (field == http::field::host || field == http::field::user_agent) {
      req.set(field, header.value);
    } else {
      req.insert(header.name, header.value);
    }
  }
  req.body() = request.body;
  req.prepare_payload();
  return req;
}

void HttpsClient::Impl::fail(Step step, const beast::error_code& ec) {
  close();
  const StepText text = text_of(step);
  if (ec == beast::error::timeout) {
    const bool connecting =
        step == Step::kResolve || step == Step::kConnect || step == Step::kHandshake;
    const auto limit = connecting ? options.connect_timeout : options.io_timeout;
    throw TransportError(fmt::format("HTTPS exchange with {} timed out after {}s ({})", origin,
                                     static_cast<double>(limit.count()) / 1000.0, text.name));
  }
  if (ec == http::error::body_limit) {
    throw TransportError(fmt::format("response body from {} larger than {} bytes", origin,
                                     options.max_body_bytes));
  }
  if (ec == http::error::header_limit) {
    throw TransportError(
        fmt::format("response header from {} larger than {} bytes", origin, kHeaderLimit));
  }
  throw TransportError(fmt::format("{} {} failed: {}", text.failure, origin, ec.message()));
}

void HttpsClient::Impl::close() {
  if (stream) {
    beast::error_code ignored;
    beast::get_lowest_layer(*stream).socket().close(ignored);
    stream.reset();
  }
  buffer.clear();
}

// getaddrinfo cannot be interrupted: on timeout the coroutine stops waiting and the lookup's late
// completion lands in `pending`, which it keeps alive, and is ignored.
awaitable<tcp::resolver::results_type> HttpsClient::Impl::resolve(Clock::time_point deadline) {
  struct Pending {
    explicit Pending(asio::io_context& context) : timer(context) {}
    asio::steady_timer timer;
    beast::error_code ec;
    tcp::resolver::results_type results;
    bool done = false;
  };
  auto pending = std::make_shared<Pending>(io);
  pending->timer.expires_at(deadline);
  resolver.async_resolve(options.host, std::to_string(options.port),
                         [pending](const beast::error_code& ec, tcp::resolver::results_type found) {
                           pending->ec = ec;
                           pending->results = std::move(found);
                           pending->done = true;
                           pending->timer.cancel();
                         });
  co_await pending->timer.async_wait(kAsTuple);
  if (!pending->done) {
    resolver.cancel();
    fail(Step::kResolve, beast::error::timeout);
  }
  if (pending->ec) {
    fail(Step::kResolve, pending->ec);
  }
  co_return pending->results;
}

awaitable<void> HttpsClient::Impl::connect() {
  close();
  const Clock::time_point deadline = Clock::now() + options.connect_timeout;
  const tcp::resolver::results_type endpoints = co_await resolve(deadline);

  stream.emplace(io, tls_context);
  tls::configure_session(stream->native_handle(), options.host);
  beast::tcp_stream& tcp_layer = beast::get_lowest_layer(*stream);
  tcp_layer.expires_at(deadline);
  auto [connect_ec, endpoint] = co_await tcp_layer.async_connect(endpoints, kAsTuple);
  if (connect_ec) {
    fail(Step::kConnect, connect_ec);
  }
  ++connections;

  tcp_layer.expires_at(deadline);
  auto [handshake_ec] = co_await stream->async_handshake(ssl::stream_base::client, kAsTuple);
  if (handshake_ec == beast::error::timeout) {
    fail(Step::kHandshake, handshake_ec);
  }
  if (handshake_ec) {
    const std::string reason = tls::describe_handshake_failure(
        stream->native_handle(), options.host, handshake_ec.message());
    close();
    throw TransportError(fmt::format("TLS handshake with {} failed: {}", origin, reason));
  }
}

// One request and its response on the open connection. Empty only when `reused` and the server
// had closed the connection before sending any byte of a response: then nothing was processed and
// sending again is safe.
awaitable<std::optional<HttpResponse>> HttpsClient::Impl::round_trip(Request& request,
                                                                     bool reused) {
  beast::tcp_stream& tcp_layer = beast::get_lowest_layer(*stream);
  tcp_layer.expires_after(options.io_timeout);
  auto [write_ec, written] = co_await http::async_write(*stream, request, kAsTuple);
  if (write_ec) {
    if (reused && is_stale_connection(write_ec)) {
      close();
      co_return std::nullopt;
    }
    fail(Step::kWrite, write_ec);
  }

  http::response_parser<http::string_body> parser;
  parser.header_limit(kHeaderLimit);
  parser.body_limit(options.max_body_bytes);
  parser.skip(request.method() == http::verb::head);
  tcp_layer.expires_after(options.io_timeout);
  auto [header_ec, header_bytes] =
      co_await http::async_read_header(*stream, buffer, parser, kAsTuple);
  if (header_ec) {
    if (reused && is_stale_connection(header_ec) && !parser.got_some() && buffer.size() == 0) {
      close();
      co_return std::nullopt;
    }
    fail(Step::kReadHeader, header_ec);
  }
  // The timeout is per read, not per body: a large body on a slow link is fine while it flows.
  while (!parser.is_done()) {
    tcp_layer.expires_after(options.io_timeout);
    auto [body_ec, body_bytes] = co_await http::async_read_some(*stream, buffer, parser, kAsTuple);
    if (body_ec) {
      fail(Step::kReadBody, body_ec);
    }
  }

  http::response<http::string_body> message = parser.release();
  HttpResponse response;
  response.status = static_cast<int>(message.result_int());
  for (const auto& field : message) {
    response.headers.push_back({std::string(field.name_string()), std::string(field.value())});
  }
  response.body = std::move(message.body());
  if (message.need_eof()) {
    close();  // "Connection: close", HTTP/1.0 or a body delimited by the end of the stream
  }
  co_return response;
}

awaitable<HttpResponse> HttpsClient::Impl::exchange(const HttpRequest& request) {
  Request req = build(request);
  const bool reused = stream.has_value();
  if (!reused) {
    co_await connect();
  }
  std::optional<HttpResponse> response = co_await round_trip(req, reused);
  if (!response) {
    co_await connect();
    response = co_await round_trip(req, false);
  }
  co_return std::move(*response);
}

HttpsClient::HttpsClient(ClientOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}

HttpsClient::~HttpsClient() = default;

HttpResponse HttpsClient::send(const HttpRequest& request) {
  Impl& impl = *impl_;
  bool done = false;
  std::exception_ptr error;
  HttpResponse response;
  impl.io.restart();
  asio::co_spawn(impl.io, impl.exchange(request),
                 [&](std::exception_ptr failure, HttpResponse result) {
                   done = true;
                   error = std::move(failure);
                   response = std::move(result);
                 });
  // run() would also wait for an abandoned, timed-out lookup; stop as soon as this exchange ends.
  while (!done && impl.io.run_one() > 0) {
  }
  if (!done) {
    throw std::logic_error("HttpsClient::send: the exchange stopped without completing");
  }
  if (error) {
    impl.close();
    std::rethrow_exception(error);
  }
  return response;
}

std::size_t HttpsClient::connections_opened() const { return impl_->connections; }

const ClientOptions& HttpsClient::options() const { return impl_->options; }

}  // namespace tcfeed::net
