#pragma once
// Transport-neutral request and response: only server.cpp sees Beast, so every other file of the
// sandbox compiles in seconds and the handlers can be unit-tested without sockets.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tcfeed::sandbox {

struct Request {
  std::string method;                                        // upper-case, as received
  std::string target;                                        // raw request-target: path plus "?query", never decoded
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::int64_t now = 0;  // server clock, Unix seconds, taken when the request arrived

  // First header with this (lower-case) name.
  std::optional<std::string_view> header(std::string_view name) const;
  std::string_view path() const;   // target before '?'
  std::string_view query() const;  // target after '?', empty if none
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// {"status":"Failure","message":...}: the v2 error envelope.
Response failure(int status, std::string_view message);
// {"status":"Invalid","description":...}: what the batch endpoints answer instead.
Response invalid(int status, std::string_view description);
Response json_response(int status, std::string body);
// {"status":"Error","message":...}: the v3 error envelope (docs/threatconnect.md, Reads).
Response v3_error(int status, std::string_view message);

}  // namespace tcfeed::sandbox
