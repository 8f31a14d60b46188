#include "lib/threatconnect/owners.hpp"

#include <simdjson.h>

namespace tcfeed::threatconnect {

std::vector<Owner> list_owners(ApiClient& api) {
  const auto response = api.send_ok("GET", "/v2/owners");
  simdjson::dom::parser parser;
  simdjson::dom::array items;
  if (parser.parse(response.body)["data"]["owner"].get(items)) {
    throw ApiError(response.status, "answer has no data.owner list", "GET /v2/owners");
  }
  std::vector<Owner> owners;
  for (auto item : items) {
    Owner owner;
    std::string_view text;
    if (item["id"].get(owner.id)) continue;
    if (!item["name"].get(text)) owner.name = std::string(text);
    if (!item["type"].get(text)) owner.type = std::string(text);
    owners.push_back(std::move(owner));
  }
  return owners;
}

std::optional<std::map<std::string, std::string, std::less<>>> indicator_permissions(ApiClient& api) {
  const auto response =
      api.send_ok("GET", "/v3/security/owners?resultLimit=10000", {}, {}, ApiClient::NotFound::Return);
  if (response.status == 404) return std::nullopt;
  simdjson::dom::parser parser;
  simdjson::dom::array items;
  if (parser.parse(response.body)["data"].get(items)) {
    throw ApiError(response.status, "answer has no data list", "GET /v3/security/owners");
  }
  std::map<std::string, std::string, std::less<>> permissions;
  for (auto item : items) {
    std::string_view name;
    std::string_view permission;
    if (item["name"].get(name)) continue;
    if (item["permIndicator"].get(permission)) permission = "";
    permissions.emplace(std::string(name), std::string(permission));
  }
  return permissions;
}

}  // namespace tcfeed::threatconnect
