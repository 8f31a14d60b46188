#pragma once
// HTTP CONNECT proxy settings and the curl-compatible `no_proxy` match, apart from Beast so that
// configuration code can parse and test them cheaply.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lib/core/secret.hpp"

namespace tcfeed::net {

struct ProxyOptions {
  std::string host;  // DNS name or IP literal of the proxy
  std::uint16_t port = 0;
  std::string username;  // empty: no Proxy-Authorization header
  Secret password;       // by reference only (docs/architecture.md, Configuration): never part of the proxy URL
};

// Parses "http://[user@]host:port" (IPv6 literals in brackets, the user percent-decoded). A
// password in the URL, another scheme, a path or a missing port is an error: throws
// std::invalid_argument whose message never repeats the user information.
ProxyOptions parse_proxy_url(std::string_view url);

// True when `host` must be reached directly, as curl decides it: an entry "*" matches every host;
// otherwise the host equals an entry or ends with "." + entry, case-insensitively, a leading dot
// of the entry ignored ("example.com" and ".example.com" both match "a.example.com"). IP addresses
// match exactly; there are no CIDR ranges.
bool bypasses_proxy(std::string_view host, const std::vector<std::string>& no_proxy);

// "Basic base64(user:password)", the Proxy-Authorization value; a secret itself.
Secret basic_proxy_authorization(const ProxyOptions& proxy);

}  // namespace tcfeed::net
