#include "lib/threatconnect/signer.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>

namespace tcfeed::threatconnect {

std::string hmac_sha256_base64(std::string_view key, std::string_view message) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_length = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest, &digest_length) == nullptr) {
    throw std::runtime_error("HMAC-SHA256 failed in OpenSSL");
  }
  std::string encoded(4 * ((digest_length + 2) / 3), '\0');
  EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()), digest, static_cast<int>(digest_length));
  return encoded;
}

std::string hmac_authorization(std::string_view access_id, std::string_view secret_key, std::string_view request_target,
                               std::string_view method, std::int64_t timestamp) {
  std::string message;
  message.reserve(request_target.size() + method.size() + 24);
  message.append(request_target).append(":").append(method).append(":").append(std::to_string(timestamp));
  std::string header = "TC ";
  header.append(access_id).append(":").append(hmac_sha256_base64(secret_key, message));
  return header;
}

}  // namespace tcfeed::threatconnect
