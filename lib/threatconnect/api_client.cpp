#include "lib/threatconnect/api_client.hpp"

#include <simdjson.h>

#include <chrono>
#include <thread>

#include <spdlog/spdlog.h>

#include "lib/core/unix_time.hpp"
#include "lib/threatconnect/signer.hpp"

namespace tcfeed::threatconnect {

ApiError::ApiError(int status, std::string message, std::string context)
    : std::runtime_error(context + ": HTTP " + std::to_string(status) +
                         (message.empty() ? std::string() : " — " + message)),
      status_(status),
      message_(std::move(message)) {}

ApiClient::ApiClient(BaseUrl base, Credentials credentials, net::ClientOptions transport, Clock clock)
    : base_(std::move(base)),
      credentials_(std::move(credentials)),
      http_([&] {
        transport.host = base_.host;
        transport.port = base_.port;
        return transport;
      }()),
      clock_(clock ? std::move(clock) : Clock(&now_unix)),
      sleep_([](std::chrono::milliseconds wait) { std::this_thread::sleep_for(wait); }),
      random_(std::random_device{}()) {}

SignedHeaders ApiClient::sign_target(std::string_view method, std::string request_target,
                                     std::int64_t timestamp) const {
  SignedHeaders headers;
  headers.request_target = std::move(request_target);
  headers.timestamp = std::to_string(timestamp);
  if (!credentials_.api_token.empty()) {
    headers.authorization = "TC-Token " + std::string(credentials_.api_token.reveal());
  } else {
    headers.authorization = hmac_authorization(credentials_.access_id, credentials_.secret_key.reveal(),
                                               headers.request_target, method, timestamp);
  }
  return headers;
}

SignedHeaders ApiClient::sign_at(std::string_view method, std::string_view endpoint, std::int64_t timestamp) const {
  return sign_target(method, base_.target(endpoint), timestamp);
}

SignedHeaders ApiClient::sign(std::string_view method, std::string_view endpoint) const {
  return sign_at(method, endpoint, clock_());
}

net::HttpResponse ApiClient::send_signed(std::string_view method, const std::string& request_target,
                                         const std::string& body, std::string_view content_type) {
  SignedHeaders signed_headers = sign_target(method, request_target, clock_());
  net::HttpRequest request;
  request.method = std::string(method);
  request.target = std::move(signed_headers.request_target);
  request.headers.push_back({"Timestamp", std::move(signed_headers.timestamp)});
  request.headers.push_back({"Authorization", std::move(signed_headers.authorization)});
  request.headers.push_back({"Accept", "application/json"});
  if (!content_type.empty()) request.headers.push_back({"Content-Type", std::string(content_type)});
  request.body = body;
  return http_.send(request);
}

net::HttpResponse ApiClient::send(std::string_view method, std::string_view endpoint, std::string body,
                                  std::string_view content_type) {
  return send_signed(method, base_.target(endpoint), body, content_type);
}

net::HttpResponse ApiClient::with_retries(std::string_view method, const std::string& request_target,
                                          const std::string& body, std::string_view content_type, NotFound not_found) {
  // Errors name the method and path, never the query (it can carry owner names and filters).
  const std::string context = std::string(method) + " " + request_target.substr(0, request_target.find('?'));
  const auto started = std::chrono::steady_clock::now();
  bool retried_auth = false;
  int retries = 0;
  for (int attempt = 1;; ++attempt) {
    Answer answer;
    net::HttpResponse response;
    std::string transport_error;
    try {
      response = send_signed(method, request_target, body, content_type);
      answer.status = response.status;
    } catch (const net::TransportError& error) {
      answer.transport_error = true;
      answer.transport_permanent = error.permanent();
      transport_error = error.what();
    }
    // A success's body is the caller's to parse: parsing a large page here as well would hold a
    // second parse of it (docs/exports.md, Performance), for a message nobody reads.
    const bool success = !answer.transport_error && response.status >= 200 && response.status <= 299;
    const std::string message = answer.transport_error ? transport_error
                                : success              ? std::string()
                                                       : platform_message(response.body);
    // The method and path only, like every message here: headers carry the signature, the query
    // owner names and filters.
    spdlog::debug("ThreatConnect: {}: {}", context,
                  answer.transport_error ? message : "HTTP " + std::to_string(response.status));
    answer.message = message;
    answer.already_retried_auth = retried_auth;
    if (response.status == 404 && not_found == NotFound::Return) return response;
    const Classification verdict = classify(answer);
    switch (verdict.outcome) {
      case Outcome::Delivered: return response;
      case Outcome::RetryImmediately: retried_auth = true; continue;
      case Outcome::StopAll: {
        std::string reason = verdict.reason;
        if (is_timestamp_failure(response.status, message)) {
          if (auto date = response.header("Date")) {
            if (auto server = net::parse_http_date(*date)) {
              reason += ": it is off by " + std::to_string(clock_() - *server) +
                        " s from the server's Date header; fix the time sync (NTP)";
            }
          }
        }
        throw StopError(Outcome::StopAll, response.status, reason, context);
      }
      case Outcome::StopOwner: throw StopError(Outcome::StopOwner, response.status, verdict.reason, context);
      case Outcome::Rejected: throw ApiError(response.status, message, context);
      case Outcome::Retry: break;
    }
    std::chrono::milliseconds wait = net::jittered_backoff(policy_, retries++, random_);
    if (auto retry_after = response.header("Retry-After")) {
      if (auto asked = net::parse_retry_after(*retry_after, clock_())) wait = std::min(*asked, policy_.retry_after_cap);
    }
    const auto elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    if (attempt >= policy_.max_attempts || elapsed + wait > policy_.max_total) {
      throw RetriesExhausted(context + ": gave up after " + std::to_string(attempt) + " attempts: " + verdict.reason);
    }
    spdlog::warn("{}: {}; attempt {} of {} in {} ms", context, verdict.reason, attempt + 1, policy_.max_attempts,
                 wait.count());
    sleep_(wait);
  }
}

net::HttpResponse ApiClient::send_ok(std::string_view method, std::string_view endpoint, std::string body,
                                     std::string_view content_type, NotFound not_found) {
  return with_retries(method, base_.target(endpoint), body, content_type, not_found);
}

net::HttpResponse ApiClient::send_target_ok(std::string_view method, std::string request_target) {
  return with_retries(method, request_target, {}, {}, NotFound::Throw);
}

std::string request_target_of(std::string_view absolute_url) {
  const auto scheme = absolute_url.find("://");
  if (scheme == std::string_view::npos) return std::string(absolute_url);
  const auto path = absolute_url.find('/', scheme + 3);
  return path == std::string_view::npos ? "/" : std::string(absolute_url.substr(path));
}

std::string platform_message(std::string_view body) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (body.empty() || parser.parse(body.data(), body.size()).get(root)) return {};
  for (const char* field : {"message", "description"}) {
    std::string_view text;
    if (!root[field].get(text)) return std::string(text.substr(0, 500));
  }
  return {};
}

}  // namespace tcfeed::threatconnect
