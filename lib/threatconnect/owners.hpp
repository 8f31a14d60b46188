#pragma once
// GET /v2/owners: the owners the API user can see (threatconnect-api.md §2.1).
#include <cstdint>
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

}  // namespace tcfeed::threatconnect
