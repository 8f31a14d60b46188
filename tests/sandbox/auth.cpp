#include "tests/sandbox/auth.hpp"

#include <openssl/crypto.h>

#include <charconv>

#include "lib/threatconnect/signer.hpp"

namespace tcfeed::sandbox {
namespace {

// Constant time, so the sandbox does not teach a client to rely on timing.
bool same_secret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::optional<std::int64_t> parse_timestamp(std::optional<std::string_view> text) {
  if (!text || text->empty()) return std::nullopt;
  std::int64_t value = 0;
  const auto* end = text->data() + text->size();
  const auto result = std::from_chars(text->data(), end, value);
  if (result.ec != std::errc() || result.ptr != end) return std::nullopt;
  return value;
}

}  // namespace

AuthOutcome authenticate(const AuthInput& input, const std::vector<Credential>& credentials, std::string_view token) {
  if (!input.authorization) return AuthOutcome::kMissing;
  const std::string_view header = *input.authorization;
  if (header.starts_with("TC-Token ")) {
    const auto offered = header.substr(9);
    if (token.empty() || !same_secret(offered, token)) return AuthOutcome::kTokenRejected;
    return AuthOutcome::kOk;
  }
  if (!header.starts_with("TC ")) return AuthOutcome::kMissing;
  const auto credentials_part = header.substr(3);
  const auto colon = credentials_part.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return AuthOutcome::kMissing;
  const auto access_id = credentials_part.substr(0, colon);
  const auto signature = credentials_part.substr(colon + 1);

  const auto timestamp = parse_timestamp(input.timestamp);
  if (!timestamp || *timestamp > input.now + kTimestampWindowSeconds ||
      *timestamp < input.now - kTimestampWindowSeconds) {
    return AuthOutcome::kTimestampRange;
  }
  for (const auto& credential : credentials) {
    if (credential.access_id != access_id) continue;
    std::string message(input.target);
    message.append(":").append(input.method).append(":").append(*input.timestamp);
    const std::string expected = threatconnect::hmac_sha256_base64(credential.secret_key, message);
    return same_secret(expected, signature) ? AuthOutcome::kOk : AuthOutcome::kSignatureMismatch;
  }
  return AuthOutcome::kSignatureMismatch;
}

std::string_view auth_failure_message(AuthOutcome outcome) {
  switch (outcome) {
    case AuthOutcome::kOk: return "";
    case AuthOutcome::kMissing: return "Access Denied";
    case AuthOutcome::kTimestampRange: return "Timestamp out of acceptable time range";
    case AuthOutcome::kSignatureMismatch: return "Signature data did not match expected result";
    case AuthOutcome::kTokenRejected: return "Unauthorized";
  }
  return "Access Denied";
}

}  // namespace tcfeed::sandbox
