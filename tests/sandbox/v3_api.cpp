// v3 owners and tags: GET /v3/security/owners (with permissions, docs/threatconnect.md, Owners) and GET /v3/tags over
// the built-in ATT&CK Tags (docs/threatconnect.md, ATT&CK tags), with the TQL subset and paging.
#include <algorithm>
#include <array>

#include "lib/core/json_writer.hpp"
#include "tests/sandbox/api.hpp"
#include "tests/sandbox/attack_tags.hpp"
#include "tests/sandbox/paging.hpp"
#include "tests/sandbox/query.hpp"
#include "tests/sandbox/tql.hpp"

namespace tcfeed::sandbox {
namespace {

constexpr std::array<TqlField, 3> kTagFields = {TqlField{"techniqueId", true}, TqlField{"name"}, TqlField{"id"}};

}  // namespace

Response handle_v3_owners(ApiContext& context, const Request& request, Segments segments) {
  if (request.method != "GET" || !segments.empty()) return v3_error(404, "Unknown v3 owners endpoint");
  std::string body;
  JsonWriter json(body);
  json.begin_object().key("data").begin_array();
  for (const auto& owner : context.store.owners()) {
    const std::string_view perm = owner.perm_indicator;
    json.begin_object()
        .key("id")
        .value(owner.id)
        .key("name")
        .value(owner.name)
        .key("type")
        .value(owner.type)
        .key("ownerRole")
        .value(owner_role(owner));
    for (const char* key : {"permIndicator", "permGroup", "permTag", "permSecurityLabel", "permAttribute",
                            "permArtifact", "permCase", "permVictim"}) {
      json.key(key).value(perm);
    }
    json.key("permPublish").value(perm == "FULL" ? "FULL" : "NONE");
    json.end_object();
  }
  json.end_array().key("status").value("Success").end_object();
  return json_response(200, std::move(body));
}

Response handle_v3_tags(ApiContext& /*context*/, const Request& request, Segments segments) {
  if (request.method != "GET" || !segments.empty()) return v3_error(404, "Unknown v3 tags endpoint");
  std::vector<TqlClause> clauses;
  const std::string tql = query_param(request.query(), "tql").value_or("");
  if (auto error = parse_tql(tql, clauses)) return v3_error(400, *error);
  if (auto error = tql_check(clauses, kTagFields)) return v3_error(400, *error);
  const auto page = parse_page(request);
  if (!page) return v3_error(400, "resultStart must be >= 0 and resultLimit between 0 and 10000");

  std::vector<const AttackTag*> found;
  for (const auto& tag : attack_tags()) {
    const bool holds = tql_matches(clauses, kTagFields, [&](std::string_view field) -> std::optional<std::string> {
      if (field == "techniqueId") return std::string(tag.technique_id);
      if (field == "name") return std::string(tag.name);
      return std::to_string(tag.id);
    });
    if (holds) found.push_back(&tag);
  }
  const auto total = static_cast<std::int64_t>(found.size());
  const auto first = std::min(page->start, total);
  const auto last = std::min(first + page->limit, total);
  std::string body;
  JsonWriter json(body);
  json.begin_object().key("data").begin_array();
  for (auto i = first; i < last; ++i) {
    const AttackTag& tag = *found[static_cast<std::size_t>(i)];
    json.begin_object()
        .key("id")
        .value(tag.id)
        .key("name")
        .value(tag.name)
        .key("techniqueId")
        .value(tag.technique_id)
        .end_object();
  }
  json.end_array();
  if (query_param(request.query(), "count").value_or("") == "true") json.key("count").value(total);
  if (last < total && page->limit > 0) json.key("next").value(next_link(request, last));
  json.key("status").value("Success").end_object();
  return json_response(200, std::move(body));
}

}  // namespace tcfeed::sandbox
