#pragma once
// The client's TLS policy on plain OpenSSL handles, apart from Beast, so it compiles quickly and
// reads in one place: which protocol versions, which trust anchors, which name the peer must prove.
#include <cstdint>
#include <string>
#include <string_view>

#include <openssl/types.h>

namespace tcfeed::net::tls {

// TLS 1.2 or newer, the peer chain verified against `ca_file` (PEM) or, when empty, the system
// store. Throws TransportError when the CA file cannot be loaded.
void configure_context(SSL_CTX* ctx, const std::string& ca_file);

// Per connection: SNI for DNS names (RFC 6066 forbids IP literals there) and the name or address
// the leaf certificate must carry. Checking inside chain verification (not in a verify callback)
// makes OpenSSL record *why* it failed, which describe_handshake_failure reports.
void configure_session(SSL* ssl, const std::string& host);

// The reason a handshake failed, precise when certificate verification was the cause
// ("certificate verify failed (host name mismatch: ...)"); `fallback` otherwise.
std::string describe_handshake_failure(const SSL* ssl, const std::string& host, std::string_view fallback);

bool is_ip_literal(const std::string& host);

// "host:port" for messages, IPv6 literals in brackets.
std::string origin(const std::string& host, std::uint16_t port);

}  // namespace tcfeed::net::tls
