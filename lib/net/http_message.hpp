#pragma once
// Plain request/response values, free of Beast, so the many files that talk HTTP do not pay for
// Beast's headers at compile time.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tcfeed::net {

struct Header {
  std::string name;
  std::string value;
};

struct HttpRequest {
  std::string method = "GET";
  std::string target;  // origin-form request-target, sent byte for byte: "/api/v2/owners?x=1"
  std::vector<Header> headers;
  std::string body;
};

struct HttpResponse {
  int status = 0;
  std::vector<Header> headers;
  std::string body;

  // The first header with this name (case-insensitive), if any.
  std::optional<std::string_view> header(std::string_view name) const;
};

}  // namespace tcfeed::net
