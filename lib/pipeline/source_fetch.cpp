#include "lib/pipeline/source_fetch.hpp"

#include <boost/url/parse.hpp>

#include <filesystem>
#include <fstream>

#include "lib/net/https_client.hpp"

namespace tcfeed::pipeline {
namespace {

FetchResult fetch_file(const std::string& url, const FetchRequest& request) {
  const auto parsed = boost::urls::parse_uri(url);
  if (!parsed || parsed->has_query() || !(parsed->encoded_host().empty() || parsed->encoded_host() == "localhost")) {
    throw SourceError("expected file:///absolute/path, got " + redact_url(url));
  }
  const std::filesystem::path path(std::string(parsed->path()));
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  if (error) throw SourceError("cannot read " + path.string() + ": " + error.message());
  if (size > request.max_bytes) {
    throw SourceError(path.string() + " is larger than the limit of " + std::to_string(request.max_bytes) + " bytes");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SourceError("cannot open " + path.string());
  FetchResult result;
  result.body.resize(size);
  in.read(result.body.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::size_t>(in.gcount()) != size) throw SourceError("short read from " + path.string());
  return result;
}

FetchResult fetch_https(const std::string& url, const FetchRequest& request) {
  const auto parsed = boost::urls::parse_uri(url);
  if (!parsed || parsed->encoded_host().empty()) throw SourceError("not a valid https URL: " + redact_url(url));
  net::ClientOptions options;
  options.host = std::string(parsed->host_type() == boost::urls::host_type::ipv6
                                 ? std::string_view(parsed->encoded_host_address())
                                 : std::string_view(parsed->encoded_host()));
  options.port = parsed->has_port() ? parsed->port_number() : 443;
  options.ca_file = request.ca_file;
  options.max_body_bytes = request.max_bytes;
  net::HttpsClient client(options);

  net::HttpRequest http;
  http.target = std::string(parsed->encoded_path().empty() ? "/" : parsed->encoded_path());
  if (parsed->has_query()) http.target += "?" + std::string(parsed->encoded_query());
  if (!request.etag.empty()) http.headers.push_back({"If-None-Match", request.etag});
  if (!request.last_modified.empty()) http.headers.push_back({"If-Modified-Since", request.last_modified});
  net::HttpResponse response;
  try {
    response = client.send(http);
  } catch (const net::TransportError& error) {
    throw SourceError(redact_url(url) + ": " + error.what());
  }
  const std::string where = redact_url(url);
  switch (response.status) {
    case 200: break;
    case 304: return FetchResult{true, {}, request.etag, request.last_modified};
    case 401: throw SourceError(where + ": HTTP 401 — the source refused the credentials (bad or missing key)");
    case 402: throw SourceError(where + ": HTTP 402 — rate limited by the source; try again later");
    case 403: throw SourceError(where + ": HTTP 403 — forbidden by the source");
    default: throw SourceError(where + ": HTTP " + std::to_string(response.status));
  }
  FetchResult result;
  result.body = std::move(response.body);
  if (auto etag = response.header("ETag")) result.etag = std::string(*etag);
  if (auto modified = response.header("Last-Modified")) result.last_modified = std::string(*modified);
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

FetchResult fetch_source(const FetchRequest& request) {
  if (request.url.rfind("file://", 0) == 0) return fetch_file(request.url, request);
  if (request.url.rfind("https://", 0) == 0) return fetch_https(request.url, request);
  throw SourceError("unsupported URL scheme (use https:// or file://): " + redact_url(request.url));
}

}  // namespace tcfeed::pipeline
