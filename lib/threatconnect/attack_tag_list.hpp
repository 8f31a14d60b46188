#pragma once
// The platform's ATT&CK Tags (ThreatConnect 7.2+): system-level tags carrying a techniqueId,
// listed by GET /v3/tags?tql=techniqueId is not null (docs/threatconnect.md, ATT&CK tags).
#include <string>
#include <vector>

#include "lib/threatconnect/api_client.hpp"

namespace tcfeed::threatconnect {

struct AttackTagEntry {
  std::string technique_id;  // "T1055.001"
  std::string name;          // as the platform names it: "Process Injection: Dynamic-link Library Injection"
};

// Follows `next` to the end. An instance without ATT&CK Tags answers an empty list.
std::vector<AttackTagEntry> fetch_attack_tag_list(ApiClient& api);

}  // namespace tcfeed::threatconnect
