#include "lib/net/https_client.hpp"

#include <exception>
#include <stdexcept>
#include <stop_token>
#include <utility>

#include <fmt/format.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>

#include "lib/net/https_client_impl.hpp"
#include "lib/net/tls_policy.hpp"

namespace tcfeed::net {
namespace {

using namespace detail;  // NOLINT(google-build-using-namespace): this file implements detail

constexpr const char* kUserAgent = "tcfeed/" TCFEED_VERSION;

struct StepText {
  const char* name;     // for "... timed out after 2s (name)"
  const char* failure;  // prefix of "<failure> host:port failed: reason"
};

constexpr StepText text_of(Step step) {
  switch (step) {
    case Step::kResolve: return {"resolve", "resolving"};
    case Step::kConnect: return {"connect", "connect to"};
    case Step::kProxyResolve: return {"resolve proxy", "resolving proxy"};
    case Step::kProxyConnect: return {"connect to proxy", "connect to proxy"};
    case Step::kProxyTunnel: return {"proxy CONNECT", "CONNECT through proxy"};
    case Step::kHandshake: return {"TLS handshake", "TLS handshake with"};
    case Step::kWrite: return {"write request", "sending the request to"};
    case Step::kReadHeader: return {"read response header", "reading the response from"};
    case Step::kReadBody: return {"read response body", "reading the response body from"};
  }
  return {"?", "?"};
}

// CR or LF in a header would let a value smuggle a second header or request into the stream.
bool has_line_break(std::string_view text) { return text.find_first_of("\r\n") != std::string_view::npos; }

double seconds(std::chrono::milliseconds duration) { return static_cast<double>(duration.count()) / 1000.0; }

}  // namespace

HttpsClient::Impl::Impl(ClientOptions client_options)
    : options(std::move(client_options)), origin(tls::origin(options.host, options.port)) {
  if (options.host.empty()) {
    throw std::invalid_argument("HttpsClient needs a host");
  }
  tls::configure_context(tls_context.native_handle(), options.ca_file);
  if (options.client_cert_file.empty() != options.client_key.empty()) {
    throw std::invalid_argument("HttpsClient needs both a client certificate and its key, or neither");
  }
  if (!options.client_cert_file.empty()) {
    tls::use_client_identity(tls_context.native_handle(), options.client_cert_file, options.client_key);
  } else {
    tls::watch_certificate_request(tls_context.native_handle());
  }
  // RFC 9110 §7.2: the port is left out when it is the scheme's default.
  host_header = options.port == 443 ? origin.substr(0, origin.rfind(':')) : origin;
  if (options.proxy && !bypasses_proxy(options.host, options.no_proxy)) {
    if (options.proxy->host.empty() || options.proxy->port == 0) {
      throw std::invalid_argument("HttpsClient proxy needs a host and a port");
    }
    proxy = &*options.proxy;
    proxy_name = tls::origin(proxy->host, proxy->port);
  }
}

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
  if (options.accept_gzip) {
    req.set(http::field::accept_encoding, "gzip");
  }
  for (const Header& header : request.headers) {
    if (header.name.empty() || has_line_break(header.name) || has_line_break(header.value)) {
      throw std::invalid_argument("header name is empty or a header contains a line break");
    }
    const http::field field = http::string_to_field(header.name);
    if (field == http::field::content_length || field == http::field::transfer_encoding) {
      continue;  // framing follows the body this client sends, nothing else
    }
    if (field == http::field::host || field == http::field::user_agent || field == http::field::accept_encoding) {
      req.set(field, header.value);
    } else {
      req.insert(header.name, header.value);
    }
  }
  req.body() = request.body;
  req.prepare_payload();
  return req;
}

Clock::time_point HttpsClient::Impl::expiry(Step step) {
  if (options.stop.stop_requested()) fail_stopped();
  Clock::time_point at = is_connect_step(step) ? connect_deadline : Clock::now() + options.io_timeout;
  binds = Binds::Step;
  if (deadline <= at) {
    at = deadline;
    binds = Binds::Deadline;
  }
  if (step == Step::kReadBody && rate_window_end) {
    // A window that already has its bytes cannot fail any more: the next one must get its own.
    const Clock::time_point check =
        rate_window_bytes >= rate_quota() ? *rate_window_end + options.min_rate_window : *rate_window_end;
    if (check < at) {
      at = check;
      binds = Binds::Rate;
    }
  }
  return at;
}

std::size_t HttpsClient::Impl::rate_quota() const {
  return static_cast<std::size_t>(static_cast<double>(options.min_rate_bytes) * seconds(options.min_rate_window));
}

void HttpsClient::Impl::count_body(std::size_t bytes) {
  if (!rate_window_end) return;
  rate_window_bytes += bytes;
  const Clock::time_point now = Clock::now();
  while (now >= *rate_window_end) {
    if (rate_window_bytes < rate_quota()) fail_too_slow();
    rate_window_bytes = 0;
    *rate_window_end += options.min_rate_window;
  }
}

void HttpsClient::Impl::fail(Step step, const boost::system::error_code& ec) {
  if (options.stop.stop_requested()) fail_stopped();  // whatever the cancelled step reported
  // TLS 1.3 finishes the client's handshake before the server has checked the client's
  // certificate: its refusal arrives as an alert on the first write or read.
  const bool tls_step = step == Step::kHandshake || step == Step::kWrite || step == Step::kReadHeader;
  const std::string refused = tls_step ? refusal(ec) : std::string();
  close();
  if (!refused.empty()) {
    throw TransportError(fmt::format("TLS with {} refused by the server: {}", origin, refused), true,
                         TransportFailure::TlsRefused);
  }
  const StepText text = text_of(step);
  if (ec == beast::error::timeout) {
    if (binds == Binds::Rate) fail_too_slow();
    if (binds == Binds::Deadline) {
      throw TransportError(fmt::format("HTTPS exchange with {} exceeded its deadline of {}s ({})", origin,
                                       seconds(options.request_deadline), text.name),
                           false, TransportFailure::Deadline);
    }
    const auto limit = is_connect_step(step) ? options.connect_timeout : options.io_timeout;
    throw TransportError(
        fmt::format("HTTPS exchange with {} timed out after {}s ({})", origin, seconds(limit), text.name));
  }
  if (ec == http::error::body_limit) {
    throw TransportError(fmt::format("response body from {} larger than {} bytes", origin, options.max_body_bytes),
                         true, TransportFailure::TooLarge);
  }
  if (ec == http::error::header_limit) {
    throw TransportError(fmt::format("response header from {} larger than {} bytes", origin, kHeaderLimit), true);
  }
  const bool via_proxy = step == Step::kProxyResolve || step == Step::kProxyConnect || step == Step::kProxyTunnel;
  throw TransportError(fmt::format("{} {} failed: {}", text.failure, via_proxy ? proxy_name : origin, ec.message()));
}

std::string HttpsClient::Impl::refusal(const boost::system::error_code& ec) {
  if (ec.category() != asio::error::get_ssl_category()) return {};  // a timeout, a reset: not a TLS refusal
  const bool asked = stream && tls::certificate_requested_without_one(stream->native_handle());
  const std::string alert = tls::received_alert(ec.value());
  if (asked) {
    return "it asked for a client certificate and none is configured" +
           (alert.empty() ? "" : " (alert: " + alert + ")");
  }
  if (alert.empty()) return {};
  return options.client_cert_file.empty()
             ? "alert: " + alert
             : "alert: " + alert + "; it may not accept the client certificate " + options.client_cert_file;
}

void HttpsClient::Impl::fail_stopped() {
  close();
  throw TransportError(fmt::format("HTTPS exchange with {} stopped", origin), false, TransportFailure::Stopped);
}

void HttpsClient::Impl::fail_too_slow() {
  close();
  throw TransportError(fmt::format("response body from {} came slower than {} bytes/s over {}s", origin,
                                   options.min_rate_bytes, seconds(options.min_rate_window)),
                       false, TransportFailure::TooSlow);
}

void HttpsClient::Impl::interrupt() {
  // Every wait of an exchange is one of these; each cancelled one resumes the exchange, whose
  // next check (fail() or expiry()) sees the stop.
  resolver.cancel();
  if (resolve_timer) resolve_timer->cancel();
  if (stream) beast::get_lowest_layer(*stream).cancel();
}

void HttpsClient::Impl::close() {
  if (stream) {
    beast::error_code ignored;
    beast::get_lowest_layer(*stream).socket().close(ignored);
    stream.reset();
  }
  buffer.clear();
}

awaitable<HttpResponse> HttpsClient::Impl::exchange(const HttpRequest& request, const BodySink* on_body) {
  Request req = build(request);
  const bool reused = stream.has_value();
  if (!reused) {
    co_await connect();
  }
  std::optional<HttpResponse> response = co_await round_trip(req, reused, on_body);
  if (!response) {
    co_await connect();
    response = co_await round_trip(req, false, on_body);
  }
  co_return std::move(*response);
}

HttpResponse HttpsClient::Impl::run(const HttpRequest& request, const BodySink* on_body) {
  bool done = false;
  std::exception_ptr error;
  HttpResponse response;
  deadline = Clock::now() + options.request_deadline;
  rate_window_end.reset();
  io.restart();
  // Called on whichever thread asks for the stop: the exchange's objects belong to the io thread,
  // so the interruption is posted there.
  const std::stop_callback on_stop(options.stop, [this] { asio::post(io, [this] { interrupt(); }); });
  asio::co_spawn(io, exchange(request, on_body), [&](std::exception_ptr failure, HttpResponse result) {
    done = true;
    error = std::move(failure);
    response = std::move(result);
  });
  // run() would also wait for an abandoned, timed-out lookup; stop as soon as this exchange ends.
  while (!done && io.run_one() > 0) {
  }
  if (!done) {
    throw std::logic_error("HttpsClient::send: the exchange stopped without completing");
  }
  if (error) {
    close();  // mid-message, or after a failure: the connection is not reusable
    std::rethrow_exception(error);
  }
  return response;
}

HttpsClient::HttpsClient(ClientOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

HttpsClient::~HttpsClient() = default;

HttpResponse HttpsClient::send(const HttpRequest& request) { return impl_->run(request, nullptr); }

HttpResponse HttpsClient::send(const HttpRequest& request, const std::function<void(std::string_view chunk)>& on_body) {
  if (!on_body) {
    throw std::invalid_argument("HttpsClient::send: on_body is empty");
  }
  return impl_->run(request, &on_body);
}

std::size_t HttpsClient::connections_opened() const { return impl_->connections; }

const ClientOptions& HttpsClient::options() const { return impl_->options; }

}  // namespace tcfeed::net
