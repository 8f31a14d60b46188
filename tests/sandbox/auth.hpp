#pragma once
// Request authentication as the platform does it (docs/threatconnect.md, Signing): HMAC over the
// raw request-target (never decoded or re-canonicalised, so `%20` and `+` sign differently), the
// method and the Timestamp header, within five minutes of the server clock; or an API token.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tests/sandbox/options.hpp"

namespace tcfeed::sandbox {

inline constexpr std::int64_t kTimestampWindowSeconds = 300;

enum class AuthOutcome {
  kOk,
  kMissing,            // no or malformed Authorization header
  kTimestampRange,     // missing, unparsable or stale Timestamp
  kSignatureMismatch,  // unknown access id or wrong signature
  kTokenRejected,
};

struct AuthInput {
  std::string_view method;
  std::string_view target;
  std::optional<std::string_view> authorization;
  std::optional<std::string_view> timestamp;
  std::int64_t now = 0;
};

AuthOutcome authenticate(const AuthInput& input, const std::vector<Credential>& credentials, std::string_view token);

// The platform's message for a failed outcome (401 body).
std::string_view auth_failure_message(AuthOutcome outcome);

}  // namespace tcfeed::sandbox
