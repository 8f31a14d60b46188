#pragma once
// The ThreatConnect base URL exactly as the operator configured it (docs/threatconnect.md, Base URL): the
// non-endpoint part of the URL, e.g. https://app.threatconnect.com/api. Never append or strip
// `/api` and never decide anything from the host name; only a trailing slash is dropped.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tcfeed::threatconnect {

struct BaseUrl {
  std::string host;  // as in the URL, IPv6 without brackets
  std::uint16_t port = 443;
  std::string path_prefix;  // "" or "/api" — prepended to every endpoint

  // Parses and validates; on failure returns nullopt and sets `error` to what was expected.
  static std::optional<BaseUrl> parse(std::string_view text, std::string& error);

  // The request-target sent and signed for an endpoint written as the docs write it
  // ("/v2/owners?x=1" → "/api/v2/owners?x=1").
  std::string target(std::string_view endpoint) const { return path_prefix + std::string(endpoint); }
};

}  // namespace tcfeed::threatconnect
