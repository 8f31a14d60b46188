#pragma once
// GET /v2/owners: the owners the API user can see (docs/threatconnect.md, Owners).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lib/threatconnect/api_client.hpp"

namespace tcfeed::threatconnect {

struct Owner {
  std::int64_t id = 0;
  std::string name;
  std::string type;  // Organization, Community, Source
};

std::vector<Owner> list_owners(ApiClient& api);

// GET /v3/security/owners: each owner's indicator permission (FULL, READ, NONE, ...), by owner
// name; nullopt where the instance has no such endpoint (older versions answer 404).
std::optional<std::map<std::string, std::string, std::less<>>> indicator_permissions(ApiClient& api);

}  // namespace tcfeed::threatconnect
