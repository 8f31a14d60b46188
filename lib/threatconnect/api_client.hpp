#pragma once
// One signed connection to ThreatConnect: every request gets its Timestamp and Authorization
// headers here (HMAC over exactly the request-target sent, or the API token).
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "lib/core/secret.hpp"
#include "lib/net/https_client.hpp"
#include "lib/threatconnect/base_url.hpp"

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

struct SignedHeaders {
  std::string request_target;
  std::string timestamp;
  std::string authorization;
};

class ApiClient {
public:
  using Clock = std::function<std::int64_t()>;  // Unix seconds

  ApiClient(BaseUrl base, Credentials credentials, net::ClientOptions transport, Clock clock = {});

  // Signs `endpoint` (relative to the base URL, query already percent-encoded) without sending.
  SignedHeaders sign(std::string_view method, std::string_view endpoint) const;
  SignedHeaders sign_at(std::string_view method, std::string_view endpoint, std::int64_t timestamp) const;

  // Sends one signed request; returns any HTTP answer. Throws net::TransportError.
  net::HttpResponse send(std::string_view method, std::string_view endpoint, std::string body = {},
                         std::string_view content_type = {});

  // Sends and requires a 2xx answer; otherwise throws ApiError with the platform's message.
  net::HttpResponse send_ok(std::string_view method, std::string_view endpoint, std::string body = {},
                            std::string_view content_type = {});

  const BaseUrl& base() const { return base_; }
  std::size_t connections_opened() const { return http_.connections_opened(); }

private:
  BaseUrl base_;
  Credentials credentials_;
  net::HttpsClient http_;
  Clock clock_;
};

// Percent-encodes a query value or path segment (RFC 3986 unreserved kept; space as %20).
std::string url_encode(std::string_view text);

// The platform's `message` (or `description`) field from an error body, if it is JSON with one.
std::string platform_message(std::string_view body);

}  // namespace tcfeed::threatconnect
