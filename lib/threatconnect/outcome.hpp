#pragma once
// Every answer to a request ends in exactly one outcome (docs/architecture.md, Outcomes), decided here by one pure,
// table-tested function — the only place that knows which status means what.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace tcfeed::threatconnect {

enum class Outcome {
  Delivered,         // 2xx
  Retry,             // transport error, 408, 429, other 5xx: back off and send again
  RetryImmediately,  // the first credentials 401: a token-renewal race; once, at once
  Rejected,          // the platform refuses this request or record; retrying cannot help
  StopOwner,         // a permission or owner problem, or batch disabled: stop this owner, keep its data
  StopAll,           // signature, timestamp or token refused again: credentials are global, stop sending
};

std::string_view outcome_name(Outcome outcome);

struct Answer {
  bool transport_error = false;      // no HTTP answer at all
  bool transport_permanent = false;  // ... and sending again cannot help (certificate, proxy, limits)
  int status = 0;
  std::string_view message;           // the platform's message field
  bool already_retried_auth = false;  // a credentials 401 was already retried once
};

struct Classification {
  Outcome outcome = Outcome::Delivered;
  std::string reason;  // for the log and the operator: what happened and what to do
};

Classification classify(const Answer& answer);

// The three 401 kinds that are about credentials (all owners), not about one owner.
bool is_credentials_failure(int status, std::string_view message);
bool is_timestamp_failure(int status, std::string_view message);

}  // namespace tcfeed::threatconnect
