#include "lib/threatconnect/v3_pages.hpp"

namespace tcfeed::threatconnect {

void for_each_v3_item(ApiClient& api, std::string target, const std::string& call,
                      const std::function<bool(simdjson::dom::element)>& on_item) {
  simdjson::dom::parser parser;
  while (!target.empty()) {
    const auto response = api.send_target_ok("GET", target);
    simdjson::dom::element root;
    simdjson::dom::array items;
    if (parser.parse(response.body).get(root) || root["data"].get(items)) {
      throw ApiError(response.status, "answer has no data list", call);
    }
    for (auto item : items) {
      if (!on_item(item)) return;
    }
    std::string_view next;
    target = root["next"].get(next) ? std::string() : request_target_of(next);
  }
}

}  // namespace tcfeed::threatconnect
