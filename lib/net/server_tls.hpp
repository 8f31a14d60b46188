#pragma once
// The certificate and private key a listener serves TLS with: the exports listener, which
// firewalls reach across the network (docs/exports.md, Serving). Kept apart from Beast so the
// configuration can check a pair at load time without compiling Asio's TLS headers.
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tcfeed::net {

struct ServerTls;  // lib/net/server_tls_impl.hpp: the OpenSSL context, shared by its connections

// Why a certificate and key could not be used; `in_key` tells which of the two to blame. The
// message names the certificate file and what is wrong, never a byte of the key.
class ServerTlsError : public std::invalid_argument {
 public:
  ServerTlsError(const std::string& message, bool in_key) : std::invalid_argument(message), in_key_(in_key) {}
  bool in_key() const { return in_key_; }

 private:
  bool in_key_;
};

// A server context of TLS 1.2 or newer with the PEM chain of `cert_file` (leaf first) and the PEM
// private key `key_pem` (which the caller holds as a secret), checked to belong together.
// Throws ServerTlsError. An encrypted key is refused, never prompted for.
std::shared_ptr<ServerTls> load_server_tls(const std::string& cert_file, std::string_view key_pem);

}  // namespace tcfeed::net
