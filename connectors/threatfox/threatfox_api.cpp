#include "connectors/threatfox/threatfox_api.hpp"

#include <boost/url/parse.hpp>

#include "lib/net/https_client.hpp"
#include "lib/pipeline/source_fetch.hpp"

namespace tcfeed::connectors::threatfox {

bool is_api_url(const std::string &url) {
  if (url.rfind("https://", 0) != 0)
    return false;
  const auto parsed = boost::urls::parse_uri(url);
  return parsed && std::string_view(parsed->encoded_path()).find("/api/") !=
                       std::string_view::npos;
}

std::string post_get_iocs(const ApiRequest &request) {
  const std::string where = pipeline::redact_url(request.url);
  const auto parsed = boost::urls::parse_uri(request.url);
  if (!parsed || parsed->encoded_host().empty())
    throw pipeline::SourceError("not a valid https URL: " + where);
  net::ClientOptions options;
  options.host =
      std::string(parsed->host_type() == boost::urls::host_type::ipv6
                      ? std::string_view(parsed->encoded_host_address())
                      : std::string_view(parsed->encoded_host()));
  options.port = parsed->has_port() ? parsed->port_number() : 443;
  options.ca_file = request.ca_file;
  options.max_body_bytes = request.max_bytes;

  net::HttpRequest http;
  http.method = "POST";
  http.target = std::string(
      parsed->encoded_path().empty() ? "/" : parsed->encoded_path());
  if (parsed->has_query())
    http.target += "?" + std::string(parsed->encoded_query());
  http.headers.push_back({"Content-Type", "application/json"});
  if (request.auth_key) {
    try {
      http.headers.push_back(
          {"Auth-Key", std::string(read_secret(*request.auth_key).reveal())});
    } catch (const SecretError &error) {
      throw pipeline::SourceError(std::string("auth_key: ") + error.what());
    }
  }
  http.body =
      R"({"query":"get_iocs","days":)" + std::to_string(request.days) + "}";

  net::HttpResponse response;
  try {
    net::HttpsClient client(options);
    response = client.send(http);
  } catch (const net::TransportError &error) {
    throw pipeline::SourceError(where + ": " + error.what());
  }
  switch (response.status) {
  case 200:
    return std::move(response.body);
  case 401:
    throw pipeline::SourceError(where +
                                ": HTTP 401 — the source refused the "
                                "credentials (bad or missing Auth-Key)");
  case 402:
    throw pipeline::SourceError(
        where + ": HTTP 402 — rate limited by the source; try again later");
  case 403:
    throw pipeline::SourceError(where + ": HTTP 403 — forbidden by the source");
  default:
    throw pipeline::SourceError(where + ": HTTP " +
                                std::to_string(response.status));
  }
}

} // namespace tcfeed::connectors::threatfox
