#pragma once
// One signed connection to ThreatConnect: every request gets its Timestamp and Authorization
// headers here (HMAC over exactly the request-target sent, or the API token).
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "lib/core/percent_encode.hpp"
#include "lib/core/secret.hpp"
#include "lib/net/backoff.hpp"
#include "lib/net/https_client.hpp"
#include "lib/threatconnect/base_url.hpp"
#include "lib/threatconnect/outcome.hpp"

namespace tcfeed::threatconnect {

struct Credentials {
  std::string access_id;
  Secret secret_key;  // HMAC auth when set
  Secret api_token;   // TC-Token auth when set
};

// An HTTP answer that is not success. `message` is the platform's own message field when it sent one.
class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string message, std::string context);
  int status() const { return status_; }
  const std::string& platform_message() const { return message_; }

 private:
  int status_;
  std::string message_;
};

// Sending stopped with the data kept (docs/architecture.md, Outcomes): `scope` is StopOwner (this owner only) or
// StopAll (credentials: every owner).
class StopError : public ApiError {
 public:
  StopError(Outcome scope, int status, std::string message, std::string context)
      : ApiError(status, std::move(message), std::move(context)), scope_(scope) {}
  Outcome scope() const { return scope_; }

 private:
  Outcome scope_;
};

// The platform stayed unreachable or kept answering "later" through every attempt the policy
// allows; the data is kept for the next run.
class RetriesExhausted : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct SignedHeaders {
  std::string request_target;
  std::string timestamp;
  std::string authorization;
};

class ApiClient {
 public:
  using Clock = std::function<std::int64_t()>;  // Unix seconds
  using Sleep = std::function<void(std::chrono::milliseconds)>;
  enum class NotFound { Throw, Return };

  ApiClient(BaseUrl base, Credentials credentials, net::ClientOptions transport, Clock clock = {});

  // Signs `endpoint` (relative to the base URL, query already percent-encoded) without sending.
  SignedHeaders sign(std::string_view method, std::string_view endpoint) const;
  SignedHeaders sign_at(std::string_view method, std::string_view endpoint, std::int64_t timestamp) const;
  SignedHeaders sign_target(std::string_view method, std::string request_target, std::int64_t timestamp) const;

  // Sends one signed request, once; returns any HTTP answer. Throws net::TransportError.
  net::HttpResponse send(std::string_view method, std::string_view endpoint, std::string body = {},
                         std::string_view content_type = {});

  // The one retrying layer: sends until the answer is 2xx (returned), or a 404 when `not_found`
  // says so. Retry outcomes back off (full jitter, Retry-After honoured and capped); the first
  // credentials 401 is retried at once; otherwise throws StopError, ApiError (rejected) or
  // RetriesExhausted.
  net::HttpResponse send_ok(std::string_view method, std::string_view endpoint, std::string body = {},
                            std::string_view content_type = {}, NotFound not_found = NotFound::Throw);

  // The same for a request-target already complete with the base path (a v3 `next` link).
  net::HttpResponse send_target_ok(std::string_view method, std::string request_target);

  // How many attempts a request gets and how long it waits between them (tests shorten it).
  void set_retry_policy(const net::BackoffPolicy& policy) { policy_ = policy; }
  // How the waits between attempts are spent; a sleep that throws ends the request with its exception.
  void set_sleep(Sleep sleep) { sleep_ = std::move(sleep); }
  std::int64_t now() const { return clock_(); }

  const BaseUrl& base() const { return base_; }
  std::size_t connections_opened() const { return http_.connections_opened(); }

 private:
  net::HttpResponse send_signed(std::string_view method, const std::string& request_target, const std::string& body,
                                std::string_view content_type);
  net::HttpResponse with_retries(std::string_view method, const std::string& request_target, const std::string& body,
                                 std::string_view content_type, NotFound not_found);

  BaseUrl base_;
  Credentials credentials_;
  net::HttpsClient http_;
  Clock clock_;
  net::BackoffPolicy policy_;
  Sleep sleep_;
  std::mt19937_64 random_;
};

// The request-target (path and query) of an absolute URL such as a v3 `next` link, which is sent
// and signed exactly as the platform wrote it.
std::string request_target_of(std::string_view absolute_url);

// A query value or path segment for the platform, by the one shared encoder (space as %20: the
// signature covers the bytes sent).
inline std::string url_encode(std::string_view text) { return percent_encode_component(text); }

// The platform's `message` (or `description`) field from an error body, if it is JSON with one.
std::string platform_message(std::string_view body);

}  // namespace tcfeed::threatconnect
