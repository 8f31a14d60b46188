#include "lib/net/server_tls.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

#include "lib/net/server_tls_impl.hpp"

namespace tcfeed::net {
namespace {

// OpenSSL's reason for the last failure, without the library and function parts: "no start line",
// "key values mismatch". A reason describes the structure, never the key's bytes.
std::string openssl_reason() {
  unsigned long last = 0;
  while (const unsigned long code = ERR_get_error()) last = code;
  if (last == 0) return "unknown OpenSSL error";
  const char* reason = ERR_reason_error_string(last);
  return reason != nullptr ? reason : "OpenSSL error " + std::to_string(ERR_GET_REASON(last));
}

// OpenSSL asks a terminal for the passphrase of an encrypted key unless told otherwise; a daemon
// must fail instead, with a reason.
int no_passphrase(char*, int, int, void*) { return -1; }

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};

}  // namespace

std::shared_ptr<ServerTls> load_server_tls(const std::string& cert_file, std::string_view key_pem) {
  ERR_clear_error();
  std::error_code status_error;
  if (!std::filesystem::is_regular_file(cert_file, status_error)) {
    throw ServerTlsError("no such file: " + cert_file, false);
  }
  if (std::ifstream probe(cert_file); !probe) {
    throw ServerTlsError("cannot read " + cert_file + ": " + std::strerror(errno), false);
  }
  auto tls = std::make_shared<ServerTls>();
  SSL_CTX* ctx = tls->context.native_handle();
  if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1) {
    throw ServerTlsError("cannot require TLS 1.2: " + openssl_reason(), false);
  }
  if (SSL_CTX_use_certificate_chain_file(ctx, cert_file.c_str()) != 1) {
    throw ServerTlsError(cert_file + " is not a PEM certificate chain (" + openssl_reason() + ")", false);
  }
  const std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size())));
  if (!bio) throw ServerTlsError("cannot read the key: out of memory", true);
  const std::unique_ptr<EVP_PKEY, KeyFree> key(PEM_read_bio_PrivateKey(bio.get(), nullptr, &no_passphrase, nullptr));
  if (!key) {
    throw ServerTlsError("the key is not an unencrypted PEM private key (" + openssl_reason() + ")", true);
  }
  if (SSL_CTX_use_PrivateKey(ctx, key.get()) != 1 || SSL_CTX_check_private_key(ctx) != 1) {
    ERR_clear_error();
    throw ServerTlsError("the key does not match the certificate in " + cert_file, true);
  }
  return tls;
}

}  // namespace tcfeed::net
