#include "lib/threatconnect/outcome.hpp"

namespace tcfeed::threatconnect {
namespace {

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

}  // namespace

std::string_view outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::Delivered: return "delivered";
    case Outcome::Retry: return "retry";
    case Outcome::RetryImmediately: return "retry-immediately";
    case Outcome::Rejected: return "rejected";
    case Outcome::StopOwner: return "stop-owner";
    case Outcome::StopAll: return "stop-all";
  }
  return "unknown";
}

bool is_timestamp_failure(int status, std::string_view message) {
  return status == 401 && contains(message, "Timestamp out of acceptable time range");
}

bool is_credentials_failure(int status, std::string_view message) {
  if (status != 401) return false;
  // A 401 that names a permission is about one owner (docs/threatconnect.md, Errors, retries and
  // stops); any other 401 means the signature, the timestamp or the token was refused.
  return !contains(message, "permission");
}

Classification classify(const Answer& answer) {
  if (answer.transport_error && answer.transport_permanent) {
    // The platform cannot be reached safely at all (its certificate refused, the proxy refusing):
    // that holds for every owner, and no retry changes it.
    return {Outcome::StopAll, std::string(answer.message)};
  }
  if (answer.transport_error) return {Outcome::Retry, "no answer from ThreatConnect: " + std::string(answer.message)};
  const int status = answer.status;
  const std::string message(answer.message);
  if (status >= 200 && status <= 299) return {Outcome::Delivered, ""};
  if (status == 401) {
    if (is_credentials_failure(status, answer.message)) {
      if (!answer.already_retried_auth) return {Outcome::RetryImmediately, "credentials refused once: " + message};
      if (is_timestamp_failure(status, answer.message)) {
        return {Outcome::StopAll, "ThreatConnect refused the request timestamp; this machine's clock is wrong"};
      }
      return {Outcome::StopAll, "ThreatConnect refused the credentials (" + message +
                                    "); check access_id and the secret key or token; all sending stopped"};
    }
    return {Outcome::StopOwner, "the API user lacks permission on this owner: " + message};
  }
  if (status == 403)
    return {Outcome::StopOwner, "the owner does not exist or the API user has no access to it: " + message};
  if (status == 503 && contains(answer.message, "Batch job api is not available")) {
    return {Outcome::StopOwner, "batch jobs are disabled on this instance: " + message};
  }
  if (status == 408 || status == 429 || (status >= 500 && status <= 599)) {
    return {Outcome::Retry, "HTTP " + std::to_string(status) + (message.empty() ? "" : ": " + message)};
  }
  return {Outcome::Rejected, "HTTP " + std::to_string(status) + (message.empty() ? "" : ": " + message)};
}

}  // namespace tcfeed::threatconnect
