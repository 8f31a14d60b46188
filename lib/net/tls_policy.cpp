#include "lib/net/tls_policy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <memory>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include "lib/net/https_client.hpp"

namespace tcfeed::net::tls {
namespace {

std::string openssl_error_text() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) {
    return "unknown OpenSSL error";
  }
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return text;
}

bool is_unknown_ca(long result) {
  switch (result) {
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_CERT_UNTRUSTED: return true;
    default: return false;
  }
}

// A passphrase prompt would block a daemon on a terminal it does not have: an encrypted key is
// refused instead.
int no_passphrase(char* /*buffer*/, int /*size*/, int /*rwflag*/, void* /*userdata*/) { return 0; }

// Which connection asked: the SSL's slot for "the server requested a certificate we lack".
int requested_index() {
  static const int index = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return index;
}

int note_certificate_request(SSL* ssl, X509** /*certificate*/, EVP_PKEY** /*key*/) {
  // Any non-null pointer marks the request; 0 sends no certificate, as without the callback.
  SSL_set_ex_data(ssl, requested_index(), ssl);
  return 0;
}

}  // namespace

void use_client_identity(SSL_CTX* ctx, const std::string& cert_file, const Secret& key_pem) {
  ERR_clear_error();
  if (SSL_CTX_use_certificate_chain_file(ctx, cert_file.c_str()) != 1) {
    throw TransportError("cannot load the client certificate " + cert_file + ": " + openssl_error_text(), true);
  }
  const std::string_view pem = key_pem.reveal();
  const std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())),
                                                      &BIO_free);
  if (!bio) throw TransportError("cannot read the client key: " + openssl_error_text(), true);
  const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PrivateKey(bio.get(), nullptr, &no_passphrase, nullptr), &EVP_PKEY_free);
  if (!key) {
    // OpenSSL's text says where parsing stopped, never what it read.
    throw TransportError(
        "the client key for " + cert_file + " is not an unencrypted PEM private key: " + openssl_error_text(), true);
  }
  if (SSL_CTX_use_PrivateKey(ctx, key.get()) != 1 || SSL_CTX_check_private_key(ctx) != 1) {
    ERR_clear_error();
    throw TransportError("the client key does not match the client certificate " + cert_file, true);
  }
}

std::string check_client_identity(const std::string& cert_file, const Secret& key_pem) {
  const std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_client_method()), &SSL_CTX_free);
  if (!ctx) return "cannot create a TLS context: " + openssl_error_text();
  try {
    use_client_identity(ctx.get(), cert_file, key_pem);
  } catch (const TransportError& error) {
    return error.what();
  }
  return {};
}

void watch_certificate_request(SSL_CTX* ctx) { SSL_CTX_set_client_cert_cb(ctx, &note_certificate_request); }

bool certificate_requested_without_one(const SSL* ssl) { return SSL_get_ex_data(ssl, requested_index()) != nullptr; }

std::string received_alert(int ssl_error_value) {
  const auto packed = static_cast<unsigned long>(static_cast<unsigned int>(ssl_error_value));
  const int reason = ERR_GET_REASON(packed);
  if (reason < SSL_AD_REASON_OFFSET || reason > SSL_AD_REASON_OFFSET + 255) return {};
  // OpenSSL's reason text knows TLS 1.3's alerts ("tlsv13 alert certificate required");
  // SSL_alert_desc_string_long does not.
  if (const char* text = ERR_reason_error_string(packed)) return text;
  return SSL_alert_desc_string_long(reason - SSL_AD_REASON_OFFSET);
}

void configure_context(SSL_CTX* ctx, const std::string& ca_file) {
  if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1) {
    throw TransportError("cannot require TLS 1.2: " + openssl_error_text());
  }
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
  if (!ca_file.empty()) {
    if (SSL_CTX_load_verify_file(ctx, ca_file.c_str()) != 1) {
      throw TransportError("cannot load CA file " + ca_file + ": " + openssl_error_text(), true);
    }
  } else if (SSL_CTX_set_default_verify_paths(ctx) != 1) {
    throw TransportError("cannot load the system CA store: " + openssl_error_text(), true);
  }
}

void configure_session(SSL* ssl, const std::string& host) {
  // Partial wildcards ("f*.example.com") are a legacy laxity; browsers and curl refuse them too.
  SSL_set_hostflags(ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
  if (is_ip_literal(host)) {
    if (X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host.c_str()) != 1) {
      throw TransportError("cannot set the expected peer address " + host + ": " + openssl_error_text());
    }
    return;
  }
  // SSL_set_tlsext_host_name expanded: the macro's C cast trips -Wold-style-cast.
  const long sni =
      SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, const_cast<char*>(host.c_str()));
  if (sni != 1 || SSL_set1_host(ssl, host.c_str()) != 1) {
    throw TransportError("cannot set the expected peer name " + host + ": " + openssl_error_text());
  }
}

std::string describe_handshake_failure(const SSL* ssl, const std::string& host, std::string_view fallback) {
  const long result = SSL_get_verify_result(ssl);
  if (result == X509_V_OK) {
    return std::string(fallback);
  }
  const std::string reason = X509_verify_cert_error_string(result);
  if (result == X509_V_ERR_HOSTNAME_MISMATCH || result == X509_V_ERR_IP_ADDRESS_MISMATCH) {
    return "certificate verify failed (host name mismatch: the certificate is not valid for " + host + ")";
  }
  if (result == X509_V_ERR_CERT_HAS_EXPIRED) {
    return "certificate verify failed (certificate has expired)";
  }
  if (is_unknown_ca(result)) {
    return "certificate verify failed (unknown CA: " + reason + ")";
  }
  return "certificate verify failed (" + reason + ")";
}

bool is_ip_literal(const std::string& host) {
  in6_addr address{};
  return inet_pton(AF_INET, host.c_str(), &address) == 1 || inet_pton(AF_INET6, host.c_str(), &address) == 1;
}

std::string origin(const std::string& host, std::uint16_t port) {
  const bool ipv6 = host.find(':') != std::string::npos;
  return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

}  // namespace tcfeed::net::tls
