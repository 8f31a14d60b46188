// `tcfeed probe URL`: the container's health check (the image has no curl). Exit 0 when the URL
// answers 200, 1 with a one-line reason otherwise, 2 for a URL it cannot probe.
#include <cctype>
#include <chrono>
#include <cstdio>
#include <string>

#include <boost/url/parse.hpp>

#include "daemon/commands.hpp"
#include "lib/net/http_probe.hpp"
#include "lib/net/https_client.hpp"

namespace tcfeed::cli {
namespace {

// A health check that hangs is worse than one that fails: orchestrators stack them up.
constexpr std::chrono::seconds kProbeDeadline{5};
constexpr std::size_t kMaxReasonBytes = 200;

// The first line of an answer's body, for the reason: /readyz says there what is wrong. Control
// characters are dropped so the line stays one line in the health-check log.
std::string first_line(const std::string& body) {
  std::string line;
  for (const char c : body) {
    if (c == '\n' || line.size() >= kMaxReasonBytes) break;
    if (!std::iscntrl(static_cast<unsigned char>(c))) line += c;
  }
  return line;
}

int usage(const std::string& url, const char* why) {
  std::fprintf(stderr, "tcfeed probe: %s: %s\n", url.c_str(), why);
  return kExitUsage;
}

}  // namespace

int probe(const std::string& url) {
  const auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) return usage(url, "expected an absolute URL like http://127.0.0.1:9464/readyz");
  if (parsed->scheme() == "https") {
    return usage(url,
                 "https:// is not supported; probe the plain-HTTP loopback listener (http.listen), "
                 "e.g. http://127.0.0.1:9464/readyz");
  }
  if (parsed->scheme() != "http") return usage(url, "only http:// URLs can be probed");
  if (parsed->encoded_host().empty()) return usage(url, "the URL has no host");
  if (parsed->has_userinfo()) return usage(url, "user information in the URL is not supported");
  if (parsed->has_port() && parsed->port_number() == 0) return usage(url, "the URL has an invalid port");

  const bool ipv6 = parsed->host_type() == boost::urls::host_type::ipv6;
  const std::string host(ipv6 ? parsed->encoded_host_address() : parsed->encoded_host());
  const std::uint16_t port = parsed->has_port() ? parsed->port_number() : 80;
  std::string target(parsed->encoded_path());
  if (target.empty()) target = "/";
  if (parsed->has_query()) target += "?" + std::string(parsed->encoded_query());

  net::ProbeResponse response;
  try {
    response = net::http_probe(host, port, target, kProbeDeadline);
  } catch (const net::TransportError& error) {
    std::fprintf(stderr, "tcfeed probe: %s: %s\n", url.c_str(), error.what());
    return kExitFailure;
  }
  if (response.status == 200) return kExitOk;
  const std::string detail = first_line(response.body);
  std::fprintf(stderr, "tcfeed probe: %s answered %d %s%s%s\n", url.c_str(), response.status,
               first_line(response.reason).c_str(), detail.empty() ? "" : ": ", detail.c_str());
  return kExitFailure;
}

}  // namespace tcfeed::cli
