#include "lib/threatconnect/attack_tag_list.hpp"

#include <simdjson.h>

namespace tcfeed::threatconnect {

std::vector<AttackTagEntry> fetch_attack_tag_list(ApiClient& api) {
  std::vector<AttackTagEntry> entries;
  std::string target = api.base().target("/v3/tags?tql=" + url_encode("techniqueId is not null") +
                                         "&resultStart=0&resultLimit=10000");
  simdjson::dom::parser parser;
  while (!target.empty()) {
    const auto response = api.send_target_ok("GET", target);
    simdjson::dom::element root;
    simdjson::dom::array items;
    if (parser.parse(response.body).get(root) || root["data"].get(items)) {
      throw ApiError(response.status, "answer has no data list", "GET /v3/tags");
    }
    for (auto item : items) {
      std::string_view id;
      std::string_view name;
      if (item["techniqueId"].get(id) || item["name"].get(name) || id.empty()) continue;
      entries.push_back({std::string(id), std::string(name)});
    }
    std::string_view next;
    target = root["next"].get(next) ? std::string() : request_target_of(next);
  }
  return entries;
}

}  // namespace tcfeed::threatconnect
