// v3 group reads: GET /v3/groups[/{id}] with the TQL subset (typeName, name, ownerName, xid),
// `fields=associatedIndicators` and `fields=associatedGroups` (groups associated by an
// `association[]` entry), resultStart/resultLimit and an absolute `next` link; and the
// `associatedGroups` field of an indicator (docs/threatconnect.md, Groups).
#include <algorithm>
#include <array>
#include <charconv>
#include <set>

#include "lib/core/json_writer.hpp"
#include "tests/sandbox/api.hpp"
#include "tests/sandbox/paging.hpp"
#include "tests/sandbox/query.hpp"
#include "tests/sandbox/tql.hpp"

namespace tcfeed::sandbox {
namespace {

constexpr std::array<TqlField, 4> kGroupFields = {TqlField{"typeName"}, TqlField{"name"}, TqlField{"ownerName"},
                                                  TqlField{"xid"}};

void write_group(JsonWriter& json, const Store& store, const StoredGroup& group, bool with_indicators,
                 bool with_groups = false) {
  const Owner* owner = store.find_owner(group.owner_id);
  json.begin_object().key("id").value(group.id);
  json.key("type").value(group.type).key("name").value(group.name).key("xid").value(group.xid);
  if (owner != nullptr) json.key("ownerId").value(owner->id).key("ownerName").value(owner->name);
  json.key("dateAdded").value(iso_time(group.date_added));
  json.key("lastModified").value(iso_time(group.last_modified));
  if (!group.date.empty()) {
    const std::string_view date_key = group.type == "Event"    ? "eventDate"
                                      : group.type == "Report" ? "publishDate"
                                                               : "firstSeen";
    json.key(date_key).value(group.date);
  }
  if (!group.tags.empty()) {
    json.key("tags").begin_object().key("data").begin_array();
    for (const auto& tag : group.tags) json.begin_object().key("name").value(tag).end_object();
    json.end_array().end_object();
  }
  if (with_indicators) {
    json.key("associatedIndicators").begin_object().key("data").begin_array();
    for (const auto& [id, indicator] : store.indicators()) {
      if (std::find(indicator.group_ids.begin(), indicator.group_ids.end(), group.id) == indicator.group_ids.end()) {
        continue;
      }
      json.begin_object().key("id").value(id).key("type").value(indicator.type->name);
      json.key("summary").value(indicator.summary).end_object();
    }
    json.end_array().end_object();
  }
  if (with_groups) {
    json.key("associatedGroups").begin_object().key("data").begin_array();
    for (const auto id : group.group_ids) {
      if (const StoredGroup* other = store.find_group(id)) write_group(json, store, *other, false);
    }
    json.end_array().end_object();
  }
  json.end_object();
}

}  // namespace

void write_associated_groups(JsonWriter& json, const Store& store, const StoredIndicator& indicator) {
  json.key("associatedGroups").begin_object().key("data").begin_array();
  for (const auto id : indicator.group_ids) {
    if (const StoredGroup* group = store.find_group(id)) write_group(json, store, *group, false);
  }
  json.end_array().end_object();
}

Response handle_v3_groups(ApiContext& context, const Request& request, Segments segments) {
  if (request.method != "GET") return v3_error(405, "tcfeed-sandbox serves v3 groups read-only");
  if (segments.size() > 1) return v3_error(404, "Unknown v3 groups endpoint");
  const auto requested = query_params(request.query(), "fields");
  const bool with_indicators = std::find(requested.begin(), requested.end(), "associatedIndicators") != requested.end();
  const bool with_groups = std::find(requested.begin(), requested.end(), "associatedGroups") != requested.end();
  if (segments.size() == 1) {
    std::int64_t id = 0;
    const auto& key = segments[0];
    const auto parsed = std::from_chars(key.data(), key.data() + key.size(), id);
    const StoredGroup* group =
        parsed.ec == std::errc() && parsed.ptr == key.data() + key.size() ? context.store.find_group(id) : nullptr;
    if (group == nullptr) return v3_error(404, "Object not found");
    std::string body;
    JsonWriter json(body);
    json.begin_object().key("data");
    write_group(json, context.store, *group, with_indicators, with_groups);
    json.key("status").value("Success").end_object();
    return json_response(200, std::move(body));
  }
  const Owner* owner = nullptr;
  if (const auto name = query_param(request.query(), "owner")) {
    owner = context.store.find_owner(*name);
    if (owner == nullptr) return v3_error(403, "Access Denied: unknown owner");
  }
  std::vector<TqlClause> clauses;
  const std::string tql = query_param(request.query(), "tql").value_or("");
  if (auto error = parse_tql(tql, clauses)) return v3_error(400, *error);
  if (auto error = tql_check(clauses, kGroupFields)) return v3_error(400, *error);
  const auto page = parse_page(request);
  if (!page) return v3_error(400, "resultStart must be >= 0 and resultLimit between 0 and 10000");

  std::vector<const StoredGroup*> found;
  for (const auto& [id, group] : context.store.groups()) {
    if (owner != nullptr && group.owner_id != owner->id) continue;
    const Owner* holder = context.store.find_owner(group.owner_id);
    const bool holds = tql_matches(clauses, kGroupFields, [&](std::string_view field) -> std::optional<std::string> {
      if (field == "typeName") return group.type;
      if (field == "name") return group.name;
      if (field == "xid") return group.xid;
      return holder != nullptr ? holder->name : std::string();
    });
    if (holds) found.push_back(&group);
  }
  const auto total = static_cast<std::int64_t>(found.size());
  const auto first = std::min(page->start, total);
  const auto last = std::min(first + page->limit, total);
  std::string body;
  JsonWriter json(body);
  json.begin_object().key("data").begin_array();
  for (auto i = first; i < last; ++i)
    write_group(json, context.store, *found[static_cast<std::size_t>(i)], with_indicators, with_groups);
  json.end_array();
  if (query_param(request.query(), "count").value_or("") == "true") json.key("count").value(total);
  if (last < total && page->limit > 0) json.key("next").value(next_link(request, last));
  json.key("status").value("Success").end_object();
  return json_response(200, std::move(body));
}

}  // namespace tcfeed::sandbox
