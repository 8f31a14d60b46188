#pragma once
// The client's TLS policy on plain OpenSSL handles, apart from Beast, so it compiles quickly and
// reads in one place: which protocol versions, which trust anchors, which name the peer must prove.
#include <cstdint>
#include <string>
#include <string_view>

#include <openssl/types.h>

#include "lib/core/secret.hpp"

namespace tcfeed::net::tls {

// TLS 1.2 or newer, the peer chain verified against `ca_file` (PEM) or, when empty, the system
// store. Throws TransportError when the CA file cannot be loaded.
void configure_context(SSL_CTX* ctx, const std::string& ca_file);

// The client's own certificate (PEM chain file) and private key (PEM, unencrypted), for a server
// that asks for one. Throws TransportError (permanent) naming the certificate file when either does
// not load or the key is not the certificate's; the key's text never appears in a message.
void use_client_identity(SSL_CTX* ctx, const std::string& cert_file, const Secret& key_pem);

// The same checks on a throwaway context, for configuration: the reason, or empty when both load
// and match.
std::string check_client_identity(const std::string& cert_file, const Secret& key_pem);

// Remembers, per connection, whether the server asked for a client certificate this side could not
// give (none configured): a refused handshake is then explained as that.
void watch_certificate_request(SSL_CTX* ctx);
bool certificate_requested_without_one(const SSL* ssl);

// Per connection: SNI for DNS names (RFC 6066 forbids IP literals there) and the name or address
// the leaf certificate must carry. Checking inside chain verification (not in a verify callback)
// makes OpenSSL record *why* it failed, which describe_handshake_failure reports.
void configure_session(SSL* ssl, const std::string& host);

// The reason a handshake failed, precise when certificate verification was the cause
// ("certificate verify failed (host name mismatch: ...)"); `fallback` otherwise.
std::string describe_handshake_failure(const SSL* ssl, const std::string& host, std::string_view fallback);

// The TLS alert the server sent, when `ec` (an error of the OpenSSL category) is one: "handshake
// failure", "certificate required", "unknown ca"… Empty otherwise.
std::string received_alert(int ssl_error_value);

bool is_ip_literal(const std::string& host);

// "host:port" for messages, IPv6 literals in brackets.
std::string origin(const std::string& host, std::uint16_t port);

}  // namespace tcfeed::net::tls
