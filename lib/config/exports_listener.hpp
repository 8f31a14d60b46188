#pragma once
// `http.exports`: a listener of its own for GET /exports/NAME, over TLS, so firewalls across the
// network reach the lists while the status page and /metrics stay on `http.listen`, on loopback
// (docs/exports.md, Serving). The certificate and key are checked to load and to belong together
// at load time, so `check-config` and a reload refuse a pair the listener could not use.
#include <optional>
#include <string>

#include "lib/config/map_reader.hpp"
#include "lib/core/secret.hpp"

namespace tcfeed::config {

struct ExportsListener {
  std::string listen;    // an IP literal and a port, like http.listen
  std::string tls_cert;  // PEM chain, leaf first
  SecretRef tls_key_ref;
  Secret tls_key;  // PEM; read at load (empty when secrets are not read)
};

// Reads `http.exports` (absent: none, and /exports/ stays on http.listen). `http_listen` is the
// status listener's address, which this one may not repeat. Throws ConfigError.
std::optional<ExportsListener> read_exports_listener(MapReader reader, const std::string& http_listen,
                                                     bool read_secrets);

}  // namespace tcfeed::config
