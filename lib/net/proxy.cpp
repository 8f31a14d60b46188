#include "lib/net/proxy.hpp"

#include <algorithm>
#include <stdexcept>

#include <openssl/evp.h>
#include <boost/url/parse.hpp>

#include "lib/net/tls_policy.hpp"

namespace tcfeed::net {
namespace {

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(), ascii_lower);
  return result;
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) {
    return {};
  }
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// "[::1]" and "::1" name the same host; "example.com." and "example.com" too.
std::string normalise_host(std::string_view host) {
  host = trim(host);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (!host.empty() && host.back() == '.') {
    host.remove_suffix(1);
  }
  return lower(host);
}

}  // namespace

ProxyOptions parse_proxy_url(std::string_view url) {
  const auto parsed = boost::urls::parse_uri(url);
  // The message names what is wrong, never the URL: it may carry a user name or a password.
  auto invalid = [](const std::string& why) { return std::invalid_argument("invalid proxy URL: " + why); };
  if (!parsed) {
    throw invalid("expected http://[user@]host:port");
  }
  if (lower(parsed->scheme()) != "http") {
    throw invalid("only http:// proxies are supported");
  }
  if (parsed->has_password()) {
    throw invalid("a password does not belong in the URL; configure it by reference");
  }
  if (!parsed->encoded_path().empty() && parsed->encoded_path() != "/") {
    throw invalid("a proxy URL has no path");
  }
  if (parsed->has_query() || parsed->has_fragment()) {
    throw invalid("a proxy URL has no query or fragment");
  }
  if (parsed->encoded_host().empty()) {
    throw invalid("the host is missing");
  }
  if (!parsed->has_port() || parsed->port_number() == 0) {
    throw invalid("the port is missing (http://host:port)");
  }
  ProxyOptions proxy;
  proxy.host = parsed->host_type() == boost::urls::host_type::ipv6 ? std::string(parsed->encoded_host_address())
                                                                   : parsed->host();
  proxy.host = normalise_host(proxy.host);
  proxy.port = parsed->port_number();
  if (parsed->has_userinfo()) {
    proxy.username = parsed->user();
    if (proxy.username.find(':') != std::string::npos) {
      throw invalid("the user name contains ':'");  // Basic credentials could not be told apart
    }
  }
  return proxy;
}

bool bypasses_proxy(std::string_view host, const std::vector<std::string>& no_proxy) {
  const std::string name = normalise_host(host);
  // "3.4" must not take "1.2.3.4" off the proxy: addresses match whole, as in curl.
  const bool address = tls::is_ip_literal(name);
  for (const std::string& raw : no_proxy) {
    std::string_view entry = trim(raw);
    if (entry == "*") {
      return true;
    }
    if (!entry.empty() && entry.front() == '.') {
      entry.remove_prefix(1);
    }
    const std::string suffix = normalise_host(entry);
    if (suffix.empty()) {
      continue;
    }
    if (name == suffix || (!address && name.size() > suffix.size() && name.ends_with(suffix) &&
                           name[name.size() - suffix.size() - 1] == '.')) {
      return true;
    }
  }
  return false;
}

Secret basic_proxy_authorization(const ProxyOptions& proxy) {
  std::string credentials = proxy.username;
  credentials += ':';
  credentials += proxy.password.reveal();
  std::string encoded(4 * ((credentials.size() + 2) / 3) + 1, '\0');
  // EVP_EncodeBlock works on unsigned bytes; the casts only change the pointer type.
  const int length =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()),
                      reinterpret_cast<const unsigned char*>(credentials.data()), static_cast<int>(credentials.size()));
  encoded.resize(static_cast<std::size_t>(length));
  std::fill(credentials.begin(), credentials.end(), '\0');
  return Secret("Basic " + encoded);
}

}  // namespace tcfeed::net
