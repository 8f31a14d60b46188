#include "lib/threatconnect/attack_tag_list.hpp"

#include "lib/threatconnect/v3_pages.hpp"

namespace tcfeed::threatconnect {

std::vector<AttackTagEntry> fetch_attack_tag_list(ApiClient& api) {
  std::vector<AttackTagEntry> entries;
  const std::string target =
      api.base().target("/v3/tags?tql=" + url_encode("techniqueId is not null") + "&resultStart=0&resultLimit=10000");
  for_each_v3_item(api, target, "GET /v3/tags", [&](simdjson::dom::element item) {
    std::string_view id;
    std::string_view name;
    if (!item["techniqueId"].get(id) && !item["name"].get(name) && !id.empty()) {
      entries.push_back({std::string(id), std::string(name)});
    }
    return true;
  });
  return entries;
}

}  // namespace tcfeed::threatconnect
