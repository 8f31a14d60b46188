#include "lib/pipeline/source/source_fetch.hpp"

#include <spdlog/spdlog.h>
#include <boost/url/parse.hpp>

#include <filesystem>

#include "lib/core/duration.hpp"
#include "lib/core/unix_time.hpp"
#include "lib/net/backoff.hpp"
#include "lib/net/https_client.hpp"
#include "lib/pipeline/source/byte_source.hpp"
#include "lib/pipeline/source/fetch_stop.hpp"
#include "lib/pipeline/source/source_access.hpp"
#include "lib/pipeline/source/spool_file.hpp"

namespace tcfeed::pipeline {
namespace {

std::filesystem::path file_path(const std::string& url) {
  const auto parsed = boost::urls::parse_uri(url);
  if (!parsed || parsed->has_query() || !(parsed->encoded_host().empty() || parsed->encoded_host() == "localhost")) {
    throw SourceError("expected file:///absolute/path, got " + redact_url(url));
  }
  return std::filesystem::path(std::string(parsed->path()));
}

FetchedStream stream_file(const std::string& url, const FetchRequest& request) {
  const std::filesystem::path path = file_path(url);
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  if (error) throw SourceError("cannot read " + path.string() + ": " + error.message());
  if (size > request.max_bytes) {
    throw SourceError(path.string() + " is larger than max_bytes (" + std::to_string(request.max_bytes) +
                      " bytes): raise the connector's max_bytes if the feed is really this large");
  }
  FetchedStream result;
  result.body = std::make_unique<FileSource>(path);
  return result;
}

// A source that is busy (503) or limits our rate (429; abuse.ch answers 402): what it asked for
// travels on the error, so the scheduler waits at least that long before the next poll.
SourceError refusal(const std::string& where, const net::HttpResponse& response) {
  SourceAsk ask;
  ask.rate_limited = response.status != 503;
  if (auto header = response.header("Retry-After")) {
    ask.retry_after = net::parse_retry_after(*header, now_unix());
  }
  std::string message =
      where + ": HTTP " + std::to_string(response.status) +
      (response.status == 503   ? " — the source is unavailable"
       : response.status == 402 ? " — rate limited by the source (abuse.ch: too many requests for this key)"
                                : " — too many requests");
  if (ask.retry_after) {
    message += "; it asks to wait " +
               std::to_string(std::chrono::duration_cast<std::chrono::seconds>(*ask.retry_after).count()) +
               " s (Retry-After)";
  }
  return SourceError(message, ask);
}

// The client's own limits are the connector's settings: the message names the key to change.
SourceError transport_failure(const std::string& where, const FetchRequest& request, const net::TransportError& error) {
  switch (error.failure()) {
    case net::TransportFailure::Deadline:
      return SourceError(where + ": the download did not finish within fetch_timeout (" +
                         format_duration(request.deadline) + ")");
    case net::TransportFailure::TooSlow:
      return SourceError(where + ": the download was slower than fetch_min_rate (" + std::to_string(request.min_rate) +
                         " bytes/s over fetch_min_rate_window, " + format_duration(request.min_rate_window) + ")");
    case net::TransportFailure::TooLarge:
      return SourceError(where + ": " + error.what() +
                         "; the limit is max_bytes: raise the connector's max_bytes if the feed is really this large");
    case net::TransportFailure::Stopped:
      return SourceError::stopping(where +
                                   ": download stopped: tcfeed is stopping; the poll runs again at the next "
                                   "start");
    case net::TransportFailure::TlsRefused:
      return SourceError(where + ": " + error.what() +
                         (request.client_cert_file.empty()
                              ? "; give the connector tls_client_cert and tls_client_key_* if the server requires a "
                                "client certificate"
                              : ""));
    case net::TransportFailure::Other: break;
  }
  return SourceError(where + ": " + error.what());
}

FetchedStream stream_https(const std::string& url, const FetchRequest& request) {
  const auto parsed = boost::urls::parse_uri(url);
  if (!parsed || parsed->encoded_host().empty()) throw SourceError("not a valid https URL: " + redact_url(url));
  net::ClientOptions options;
  options.host =
      std::string(parsed->host_type() == boost::urls::host_type::ipv6 ? std::string_view(parsed->encoded_host_address())
                                                                      : std::string_view(parsed->encoded_host()));
  options.port = parsed->has_port() ? parsed->port_number() : 443;
  options.ca_file = request.ca_file;
  options.client_cert_file = request.client_cert_file;
  options.client_key = request.client_key;
  options.max_body_bytes = request.max_bytes;
  options.request_deadline = request.deadline;
  options.min_rate_bytes = request.min_rate;
  options.min_rate_window = request.min_rate_window;
  options.stop = request.stop;
  options.proxy = request.proxy;
  options.no_proxy = request.no_proxy;
  const std::string where = redact_url(url);
  std::optional<net::HttpsClient> client;
  try {
    client.emplace(options);  // loads the CA file and the client certificate
  } catch (const net::TransportError& error) {
    throw SourceError(where + ": " + error.what());
  }

  net::HttpRequest http;
  http.method = request.method;
  http.body = request.body;
  http.target = std::string(parsed->encoded_path().empty() ? "/" : parsed->encoded_path());
  if (parsed->has_query()) http.target += "?" + std::string(parsed->encoded_query());
  if (!request.etag.empty()) http.headers.push_back({"If-None-Match", request.etag});
  if (!request.last_modified.empty()) http.headers.push_back({"If-Modified-Since", request.last_modified});
  for (const auto& header : request.headers) http.headers.push_back(header);

  SpoolFile spool;
  net::HttpResponse response;
  std::size_t received = 0;
  const auto started = std::chrono::steady_clock::now();
  try {
    response = client->send(http, [&](std::string_view chunk) {
      spool.write(chunk);
      received += chunk.size();
    });
  } catch (const net::TransportError& error) {
    throw transport_failure(where, request, error);
  }
  // `where` has no query string and no credentials (redact_url); headers are never logged.
  spdlog::debug(
      "source {} {}: HTTP {}, {} bytes in {} ms", request.method, where, response.status, received,
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count());
  switch (response.status) {
    case 200: break;
    case 304: {
      FetchedStream unchanged{true, nullptr, request.etag, request.last_modified, {}, {}};
      if (auto expires = response.header("Expires")) unchanged.expires_unix = net::parse_http_date(*expires);
      return unchanged;
    }
    case 401: throw SourceError(where + ": HTTP 401 — the source refused the credentials (bad or missing key)");
    case 402:
    case 429:
    case 503: throw refusal(where, response);
    case 403: throw SourceError(where + ": HTTP 403 — forbidden by the source");
    default: throw SourceError(where + ": HTTP " + std::to_string(response.status));
  }
  FetchedStream result;
  result.body = spool.open();
  if (auto etag = response.header("ETag")) result.etag = std::string(*etag);
  if (auto modified = response.header("Last-Modified")) result.last_modified = std::string(*modified);
  if (auto expires = response.header("Expires")) result.expires_unix = net::parse_http_date(*expires);
  result.headers = std::move(response.headers);
  return result;
}

}  // namespace

std::string redact_url(const std::string& url) {
  const auto parsed = boost::urls::parse_uri(url);
  if (!parsed) return "<unparsable URL>";
  std::string out(parsed->scheme());
  out += "://";
  out += parsed->encoded_host_and_port();
  out += parsed->encoded_path();
  if (parsed->has_query()) out += "?<redacted>";
  return out;
}

FetchedStream fetch_stream(const FetchRequest& request) {
  if (request.url.rfind("file://", 0) == 0) return stream_file(request.url, request);
  if (request.url.rfind("https://", 0) == 0) return stream_https(request.url, request);
  throw SourceError("unsupported URL scheme (use https:// or file://): " + redact_url(request.url));
}

FetchRequest source_request(const SourceLocation& location, const SourceAccess& access) {
  FetchRequest request;
  request.url = location.url;
  request.ca_file = location.ca_file;
  // Only an https:// source gets the key, and it is read now: a renewed key needs no restart.
  if (location.tls_client_key && location.url.rfind("https://", 0) == 0) {
    try {
      request.client_key = read_secret(*location.tls_client_key);
    } catch (const SecretError& error) {
      throw SourceError(std::string("tls_client_key: ") + error.what());
    }
    request.client_cert_file = location.tls_client_cert;
  }
  request.max_bytes = location.max_bytes;
  request.deadline = location.fetch_timeout;
  request.min_rate = location.fetch_min_rate;
  request.min_rate_window = location.fetch_min_rate_window;
  request.stop = current_fetch_stop();
  access.apply(request);
  return request;
}

FetchedStream fetch_since(const SourceLocation& location, const SourceAccess& access, const state::Cursor& cursor) {
  FetchRequest request = source_request(location, access);
  request.etag = cursor.etag;
  request.last_modified = cursor.last_modified;
  return fetch_stream(request);
}

}  // namespace tcfeed::pipeline
