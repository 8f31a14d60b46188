#include "lib/threatconnect/indicator_reads.hpp"

#include <simdjson.h>

#include <algorithm>

#include "lib/threatconnect/v3_pages.hpp"

namespace tcfeed::threatconnect {
namespace {

using simdjson::dom::element;

std::optional<double> number(element item, const char* name) {
  double value = 0;
  if (!item[name].get(value)) return value;
  std::int64_t whole = 0;
  if (!item[name].get(whole)) return static_cast<double>(whole);
  std::string_view text;  // the platform writes some decimals as strings ("4.00")
  if (!item[name].get(text)) {
    try {
      return std::stod(std::string(text));
    } catch (const std::exception&) {
    }
  }
  return std::nullopt;
}

std::string text(element item, const char* name) {
  std::string_view value;
  return item[name].get(value) ? std::string() : std::string(value);
}

// Branch listings carry the type's identifier field instead of `summary`.
std::string summary_of(element item) {
  if (auto summary = text(item, "summary"); !summary.empty()) return summary;
  std::string file_hashes;
  for (const char* hash : {"md5", "sha1", "sha256"}) {
    if (auto value = text(item, hash); !value.empty()) {
      file_hashes += (file_hashes.empty() ? "" : " : ") + value;
    }
  }
  if (!file_hashes.empty()) return file_hashes;
  for (const char* field : {"ip", "hostName", "text", "address", "AS Number", "Block", "Mutex", "User Agent String",
                            "Subject", "Hashtag", "Key Name"}) {
    if (auto value = text(item, field); !value.empty()) return value;
  }
  return {};
}

IndicatorRecord read_record(element item, std::string_view fallback_type, const std::string& owner) {
  IndicatorRecord record;
  if (item["id"].get(record.id)) record.id = 0;
  record.type = text(item, "type");
  if (record.type.empty()) record.type = std::string(fallback_type);
  record.summary = summary_of(item);
  record.owner = text(item, "ownerName");
  element owner_object;
  if (record.owner.empty() && !item["owner"].get(owner_object)) record.owner = text(owner_object, "name");
  if (record.owner.empty()) record.owner = owner;
  record.rating = number(item, "rating");
  if (auto confidence = number(item, "confidence")) record.confidence = static_cast<std::int64_t>(*confidence);
  record.threat_assess_rating = number(item, "threatAssessRating");
  record.threat_assess_confidence = number(item, "threatAssessConfidence");
  if (auto score = number(item, "threatAssessScore")) record.threat_assess_score = static_cast<std::int64_t>(*score);
  bool active = false;
  if (!item["active"].get(active)) record.active = active;
  record.date_added = text(item, "dateAdded");
  record.last_modified = text(item, "lastModified");
  simdjson::dom::array tags;
  // v3 nests them as tags.data, v2 (with includeTags=true) as a `tag` array.
  if (!item["tags"]["data"].get(tags) || !item["tag"].get(tags)) {
    for (auto tag : tags) {
      if (auto name = text(tag, "name"); !name.empty()) record.tags.push_back(std::move(name));
    }
  }
  if (simdjson::dom::array groups; !item["associatedGroups"]["data"].get(groups)) {
    for (auto group : groups) record.groups.push_back({text(group, "type"), text(group, "name"), text(group, "xid")});
  }
  return record;
}

}  // namespace

std::string tql_string(std::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string query_tql(const IndicatorQuery& query) {
  std::string tql;
  const auto clause = [&](const std::string& text) { tql += (tql.empty() ? "" : " and ") + text; };
  if (query.type) clause("typeName = " + tql_string(indicators::type_name(*query.type)));
  if (query.value) clause("summary = " + tql_string(*query.value));
  if (!query.owner.empty()) clause("ownerName = " + tql_string(query.owner));
  return tql;
}

std::size_t read_indicators_v3(ApiClient& api, const IndicatorQuery& query,
                               const std::function<void(const IndicatorRecord&)>& on_record) {
  std::size_t delivered = 0;
  if (query.limit == 0) return delivered;
  const std::size_t page_size = std::clamp<std::size_t>(query.page_size, 1, 10'000);
  const std::string target =
      api.base().target("/v3/indicators?tql=" + url_encode(query_tql(query)) +
                        "&fields=threatAssess&fields=tags&fields=associatedGroups&resultStart=0&resultLimit=" +
                        std::to_string(page_size) + "&owner=" + url_encode(query.owner));
  for_each_v3_item(api, target, "GET /v3/indicators", [&](element item) {
    on_record(read_record(item, "", query.owner));
    return ++delivered < query.limit;
  });
  return delivered;
}

std::size_t read_indicators_tql(ApiClient& api, const std::string& tql, std::size_t page_size,
                                const std::function<void(const IndicatorRecord&)>& on_record) {
  const std::size_t limit = std::clamp<std::size_t>(page_size, 1, 10'000);
  const std::string target =
      api.base().target("/v3/indicators?tql=" + url_encode(tql) +
                        "&fields=threatAssess&fields=tags&resultStart=0&resultLimit=" + std::to_string(limit));
  std::size_t delivered = 0;
  for_each_v3_item(api, target, "GET /v3/indicators", [&](element item) {
    on_record(read_record(item, "", ""));
    ++delivered;
    return true;
  });
  return delivered;
}

std::size_t read_indicators_v2(ApiClient& api, const IndicatorQuery& query,
                               const std::function<void(const IndicatorRecord&)>& on_record) {
  const std::string owner_param = "owner=" + url_encode(query.owner);
  const std::string_view type_name = query.type ? indicators::type_name(*query.type) : std::string_view();
  std::string base = "/v2/indicators";
  if (query.type) base += "/" + std::string(indicators::v2_branch(*query.type));
  simdjson::dom::parser parser;

  if (query.value) {
    const std::string endpoint =
        base + "/" + url_encode(*query.value) + "?" + owner_param + "&includeAdditional=true&includeTags=true";
    const auto response = api.send_ok("GET", endpoint, {}, {}, ApiClient::NotFound::Return);
    if (response.status == 404) return 0;
    simdjson::dom::object data;
    if (parser.parse(response.body)["data"].get(data)) throw ApiError(200, "answer has no data", "GET " + base);
    for (auto field : data) {
      if (field.value.is_object()) {
        on_record(read_record(field.value, type_name, query.owner));
        return 1;
      }
    }
    return 0;
  }

  const std::size_t page_size = std::clamp<std::size_t>(query.page_size, 1, 10'000);
  std::size_t delivered = 0;
  for (std::size_t start = 0; delivered < query.limit; start += page_size) {
    const std::string endpoint = base + "?" + owner_param +
                                 "&includeAdditional=true&includeTags=true&resultStart=" + std::to_string(start) +
                                 "&resultLimit=" + std::to_string(page_size);
    const auto response = api.send_ok("GET", endpoint);
    simdjson::dom::object data;
    if (parser.parse(response.body)["data"].get(data)) throw ApiError(200, "answer has no data", "GET " + base);
    std::size_t on_page = 0;
    for (auto field : data) {
      simdjson::dom::array items;
      if (field.value.get(items)) continue;
      for (auto item : items) {
        ++on_page;
        if (delivered < query.limit) {
          on_record(read_record(item, type_name, query.owner));
          ++delivered;
        }
      }
    }
    if (on_page < page_size) break;
  }
  return delivered;
}

}  // namespace tcfeed::threatconnect
