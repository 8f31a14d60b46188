#pragma once
// Reading a v3 list: each page's `data` array, then the page its `next` link names, sent as the
// platform wrote it, until a page has none.
#include <simdjson.h>

#include <functional>
#include <string>
#include <string_view>

#include "lib/threatconnect/api_client.hpp"

namespace tcfeed::threatconnect {

// Calls `on_item` with each element of each page, from the request-target `target` on. `on_item`
// returns false to stop: no further page is asked for. Throws ApiError when a page has no data
// list; `call` names the request in its message (e.g. "GET /v3/tags").
void for_each_v3_item(ApiClient& api, std::string target, const std::string& call,
                      const std::function<bool(simdjson::dom::element)>& on_item);

}  // namespace tcfeed::threatconnect
