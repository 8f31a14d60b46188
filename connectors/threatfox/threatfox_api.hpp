#pragma once
// The ThreatFox API's get_iocs call: `POST <url>` with body
// {"query":"get_iocs","days":N} and the key in an `Auth-Key` header (feeds.md
// B.2). fetch_source speaks GET only; this is the one POST.
#include <cstddef>
#include <optional>
#include <string>

#include "lib/core/secret.hpp"

namespace tcfeed::connectors::threatfox {

struct ApiRequest {
  std::string url; // https://threatfox-api.abuse.ch/api/v1/
  int days = 1;    // 1–7
  std::optional<SecretRef> auth_key;
  std::string ca_file;
  std::size_t max_bytes = 256u << 20;
};

// True for an https:// URL whose path is the API's (contains "/api/"): POST
// get_iocs, not GET.
bool is_api_url(const std::string &url);

// Returns the response body. Throws SourceError: transport failures,
// 401/402/403 named as the problems they are, any other non-200. Messages never
// carry the key.
std::string post_get_iocs(const ApiRequest &request);

} // namespace tcfeed::connectors::threatfox
