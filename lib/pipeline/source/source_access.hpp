#pragma once
// How a connector reaches its source, read from the connector's keys the same way for every
// connector: credentials by secret reference (a header, a query parameter, bearer or basic) and a
// proxy (the connector's own, else threatconnect.proxy). Secrets are read at each poll, so a
// rotated key is picked up without a restart, and never logged: a query parameter is redacted by
// redact_url in every message, a header value is never printed.
//
// A file:// source gets neither credentials nor a proxy: there is no server to send them to, so
// a configured key is simply not sent (nor read), and a saved export replays with the same
// connector block that fetches it live.
#include <optional>
#include <string>
#include <vector>

#include "lib/config/config.hpp"
#include "lib/config/key_spec.hpp"
#include "lib/config/map_reader.hpp"
#include "lib/net/proxy.hpp"
#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::pipeline {

constexpr std::size_t kDefaultSourceBytes = 256u << 20;

// Where a connector's data is and how long fetching it may take: every connector has these keys.
struct SourceLocation {
  std::string url;      // https:// or file://
  std::string ca_file;  // the connector's, else threatconnect.ca_file, else the system store
  std::size_t max_bytes = kDefaultSourceBytes;
  // A source that stalls or trickles must end the poll with an error the operator sees, not hold
  // the connector "running": the whole download within fetch_timeout, and never slower than
  // fetch_min_rate bytes/s over a fetch_min_rate_window (docs/feeds.md, Fetching). The rate
  // default is far below any working link, the window long enough for a server's pauses.
  Duration fetch_timeout = std::chrono::minutes(15);
  std::size_t fetch_min_rate = 1024;
  Duration fetch_min_rate_window = std::chrono::seconds(60);
  // A client certificate for a server that requires one (mutual TLS; docs/feeds.md, Fetching):
  // the PEM file, and its private key by secret reference (read again at each poll, so a renewed
  // key is picked up without a restart). Both or neither; https:// only.
  std::string tls_client_cert{};
  std::optional<SecretRef> tls_client_key{};
};

// `url_example` completes the url key's description, e.g. "e.g. https://urlhaus.abuse.ch/downloads/csv_recent/".
std::vector<config::KeySpec> source_location_keys(const std::string& url_example,
                                                  std::size_t default_max_bytes = kDefaultSourceBytes);
SourceLocation read_source_location(config::MapReader& keys, const config::Config& global,
                                    std::size_t default_max_bytes = kDefaultSourceBytes);

struct SourceAccess {
  enum class Auth { None, Header, Query, Bearer, Basic };
  Auth auth = Auth::None;
  std::string auth_name;  // header name, query parameter name, or basic user name
  std::optional<SecretRef> secret;
  std::optional<net::ProxyOptions> proxy;
  std::optional<SecretRef> proxy_password;
  std::vector<std::string> no_proxy;

  // Adds the credentials and the proxy to an https:// request (reads the secrets now); leaves a
  // file:// request alone. Throws SourceError.
  void apply(FetchRequest& request) const;
};

// A vendor's own key convention: `auth_key_file` / `_env` / `_credential` is shorthand for
// auth_header or auth_query with this name (abuse.ch: the `Auth-Key` header, or the `auth-key`
// query parameter of its file exports). The general auth_* keys still choose another way.
struct AuthKeyConvention {
  SourceAccess::Auth auth = SourceAccess::Auth::Header;  // Header or Query
  std::string name;
  std::string vendor;  // for the key's description, e.g. "abuse.ch"
};

// The keys SourceAccess reads, for a connector type's schema (with auth_key_* when it has a
// convention).
std::vector<config::KeySpec> source_access_keys(const std::optional<AuthKeyConvention>& auth_key = std::nullopt);

// Throws config::ConfigError at the offending key.
SourceAccess read_source_access(config::MapReader& keys, const config::Config& global,
                                const std::optional<AuthKeyConvention>& auth_key = std::nullopt);

}  // namespace tcfeed::pipeline
