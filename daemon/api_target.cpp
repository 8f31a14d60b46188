#include "daemon/api_target.hpp"

namespace tcfeed::cli {
namespace {

// "/api" for https://host/api, "" for https://host.
std::string base_path(const std::string& base_url) {
  const auto scheme = base_url.find("://");
  if (scheme == std::string::npos) return "";
  const auto path = base_url.find('/', scheme + 3);
  if (path == std::string::npos) return "";
  std::string prefix = base_url.substr(path);
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  return prefix;
}

bool starts_with_segment(const std::string& text, const std::string& prefix) {
  return !prefix.empty() && text.rfind(prefix, 0) == 0 &&
         (text.size() == prefix.size() || text[prefix.size()] == '/' || text[prefix.size()] == '?');
}

}  // namespace

std::optional<std::string> resolve_api_target(const std::string& base_url, const std::string& target,
                                              std::string& error) {
  std::string endpoint = target;
  if (endpoint.rfind("https://", 0) == 0 || endpoint.rfind("http://", 0) == 0) {
    std::string base = base_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    if (!starts_with_segment(endpoint, base)) {
      error = "the URL is not under threatconnect.base_url (" + base + ")";
      return std::nullopt;
    }
    endpoint.erase(0, base.size());
  } else {
    if (!endpoint.empty() && endpoint.front() != '/') endpoint.insert(0, "/");
    // The API docs write endpoints without the base URL's path; a target copied with it is meant
    // the same way, not as /api/api/….
    if (const std::string prefix = base_path(base_url); starts_with_segment(endpoint, prefix)) {
      endpoint.erase(0, prefix.size());
    }
  }
  if (endpoint.empty() || endpoint.front() != '/') endpoint.insert(0, "/");
  if (endpoint == "/") {
    error = "no endpoint; expected e.g. /v2/owners (relative to threatconnect.base_url)";
    return std::nullopt;
  }
  return endpoint;
}

}  // namespace tcfeed::cli
