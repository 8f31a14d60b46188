#include "lib/threatconnect/api_client.hpp"

#include <simdjson.h>

#include <chrono>

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
      clock_(clock ? std::move(clock) : Clock([] {
        return static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                             std::chrono::system_clock::now().time_since_epoch())
                                             .count());
      })) {}

SignedHeaders ApiClient::sign_at(std::string_view method, std::string_view endpoint,
                                 std::int64_t timestamp) const {
  SignedHeaders headers;
  headers.request_target = base_.target(endpoint);
  headers.timestamp = std::to_string(timestamp);
  if (!credentials_.api_token.empty()) {
    headers.authorization = "TC-Token " + std::string(credentials_.api_token.reveal());
  } else {
    headers.authorization = hmac_authorization(credentials_.access_id, credentials_.secret_key.reveal(),
                                               headers.request_target, method, timestamp);
  }
  return headers;
}

SignedHeaders ApiClient::sign(std::string_view method, std::string_view endpoint) const {
  return sign_at(method, endpoint, clock_());
}

net::HttpResponse ApiClient::send(std::string_view method, std::string_view endpoint, std::string body,
                                  std::string_view content_type) {
  const SignedHeaders signed_headers = sign(method, endpoint);
  net::HttpRequest request;
  request.method = std::string(method);
  request.target = signed_headers.request_target;
  request.headers.push_back({"Timestamp", signed_headers.timestamp});
  request.headers.push_back({"Authorization", signed_headers.authorization});
  request.headers.push_back({"Accept", "application/json"});
  if (!content_type.empty()) request.headers.push_back({"Content-Type", std::string(content_type)});
  request.body = std::move(body);
  return http_.send(request);
}

net::HttpResponse ApiClient::send_ok(std::string_view method, std::string_view endpoint, std::string body,
                                     std::string_view content_type) {
  net::HttpResponse response = send(method, endpoint, std::move(body), content_type);
  if (response.status < 200 || response.status > 299) {
    // The endpoint without its query: query values may name owners, never secrets, but keep
    // error lines short and stable.
    const std::string_view path = endpoint.substr(0, endpoint.find('?'));
    throw ApiError(response.status, platform_message(response.body),
                   std::string(method) + " " + std::string(path));
  }
  return response;
}

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
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
