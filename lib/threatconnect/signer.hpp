#pragma once
// ThreatConnect HMAC request signing (docs/threatconnect.md, Signing): the signed string is
// "<request-target>:<METHOD>:<timestamp>", where the request-target is exactly the bytes sent
// on the request line (path plus raw query), so `%20` and `+` sign differently.
#include <cstdint>
#include <string>
#include <string_view>

namespace tcfeed::threatconnect {

// Base64 (standard alphabet, padded) of HMAC-SHA256(key, message).
std::string hmac_sha256_base64(std::string_view key, std::string_view message);

// The value of the Authorization header: "TC <access id>:<signature>".
std::string hmac_authorization(std::string_view access_id, std::string_view secret_key, std::string_view request_target,
                               std::string_view method, std::int64_t timestamp);

}  // namespace tcfeed::threatconnect
