#include "lib/config/exports_listener.hpp"

#include <stdexcept>

#include "lib/net/http_server.hpp"
#include "lib/net/server_tls.hpp"

namespace tcfeed::config {
namespace {

std::string secret_key_name(std::string_view name, const SecretRef& ref) {
  const char* suffix = ref.kind == SecretRef::Kind::File  ? "_file"
                       : ref.kind == SecretRef::Kind::Env ? "_env"
                                                          : "_credential";
  return std::string(name) + suffix;
}

}  // namespace

std::optional<ExportsListener> read_exports_listener(MapReader reader, const std::string& http_listen,
                                                     bool read_secrets) {
  if (!reader.node().IsDefined() || reader.node().IsNull()) return std::nullopt;
  ExportsListener out;
  out.listen = reader.required_string("listen");
  net::ListenAddress address;
  try {
    address = net::parse_listen_address(out.listen);
  } catch (const std::invalid_argument& error) {
    reader.fail("listen", error.what());
  }
  if (address.port != 0 && out.listen == http_listen) {
    reader.fail("listen", "must differ from http.listen: the status page and /metrics stay on that one");
  }
  // HTTPS only: in plain HTTP the lists and their bearer tokens or passwords would cross the
  // network readable, and a plain listener on loopback is what http.listen already is.
  const auto cert = reader.string("tls_cert_file");
  const auto key = reader.secret("tls_key");
  if (!cert || cert->empty()) {
    reader.fail(reader.has("tls_cert_file") ? "tls_cert_file" : "listen",
                "the exports listener serves HTTPS only: give both tls_cert_file (the PEM certificate chain) and "
                "tls_key_file, tls_key_env or tls_key_credential (its PEM private key)");
  }
  if (!key) {
    reader.fail("tls_cert_file",
                "the exports listener serves HTTPS only: give its PEM private key as tls_key_file, tls_key_env or "
                "tls_key_credential beside tls_cert_file");
  }
  out.tls_cert = *cert;
  out.tls_key_ref = *key;
  if (read_secrets) {
    out.tls_key = load_secret(reader, "tls_key", *key);
    try {
      net::load_server_tls(out.tls_cert, out.tls_key.reveal());
    } catch (const net::ServerTlsError& error) {
      reader.fail(error.in_key() ? secret_key_name("tls_key", *key) : "tls_cert_file", error.what());
    }
  }
  reader.finish();
  return out;
}

}  // namespace tcfeed::config
