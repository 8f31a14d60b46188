// v3 reads: GET /v3/indicators[/{id|summary}] with the TQL subset of tql.hpp, `fields=`,
// resultStart/resultLimit and an absolute `next` link (docs/threatconnect.md, Reads).
#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <set>

#include "lib/core/json_writer.hpp"
#include "tests/sandbox/api.hpp"
#include "tests/sandbox/attack_tags.hpp"
#include "tests/sandbox/paging.hpp"
#include "tests/sandbox/query.hpp"
#include "tests/sandbox/threat_assess.hpp"
#include "tests/sandbox/tql.hpp"

namespace tcfeed::sandbox {
namespace {

// The reads tcfeed makes, exports' filters included (docs/exports.md, Reads).
constexpr std::array<TqlField, 10> kIndicatorFields = {TqlField{"typeName"},         TqlField{"summary"},
                                                       TqlField{"ownerName"},        TqlField{"rating", true},
                                                       TqlField{"confidence", true}, TqlField{"threatAssessScore"},
                                                       TqlField{"lastModified"},     TqlField{"dateAdded"},
                                                       TqlField{"indicatorActive"},  TqlField{"hasTag", false, true}};

std::int64_t score_of(const StoredIndicator& indicator) {
  return threat_assess_score(indicator.rating.value_or(0.0), indicator.confidence.value_or(0), indicator.tags.size(),
                             indicator.summary);
}

std::string number_text(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

using Fields = std::set<std::string, std::less<>>;

void write_names(JsonWriter& json, std::string_view key, const std::vector<std::string>& names, bool attack_ids) {
  json.key(key).begin_object().key("data").begin_array();
  for (const auto& name : names) {
    json.begin_object();
    const AttackTag* attack = attack_ids ? find_attack_tag_by_name(name) : nullptr;
    if (attack != nullptr) json.key("id").value(attack->id);
    json.key("name").value(name);
    if (attack != nullptr) json.key("techniqueId").value(attack->technique_id);
    json.end_object();
  }
  json.end_array().end_object();
}

void write_indicator(JsonWriter& json, const Request& request, const Store& store, const StoredIndicator& indicator,
                     const Owner& owner, const Fields& fields) {
  json.begin_object().key("id").value(indicator.id);
  json.key("ownerId").value(owner.id).key("ownerName").value(owner.name);
  json.key("dateAdded").value(iso_time(indicator.date_added));
  json.key("lastModified").value(iso_time(indicator.last_modified));
  if (indicator.rating) json.key("rating").value(*indicator.rating);
  if (indicator.confidence) json.key("confidence").value(*indicator.confidence);
  json.key("type").value(indicator.type->name).key("summary").value(indicator.summary);
  json.key("privateFlag").value(indicator.private_flag).key("active").value(indicator.active);
  json.key("activeLocked").value(indicator.active_locked);
  const std::string host(request.header("host").value_or("localhost"));
  json.key("webLink").value("https://" + host + "/auth/indicators/details/" + std::string(indicator.type->entity) +
                            ".xhtml?id=" + std::to_string(indicator.id));
  if (fields.contains("threatAssess")) {
    // The documented function of threat_assess.hpp, as the v2 reads give it.
    const double rating = indicator.rating.value_or(0.0);
    const int confidence = indicator.confidence.value_or(0);
    const auto score = score_of(indicator);
    json.key("threatAssessRating").value(rating);
    json.key("threatAssessConfidence").value(static_cast<double>(confidence));
    json.key("threatAssessScore").value(score);
    json.key("threatAssessScoreObserved").value(0).key("threatAssessScoreFalsePositive").value(0);
  }
  if (fields.contains("tags")) write_names(json, "tags", indicator.tags, true);
  if (fields.contains("securityLabels")) write_names(json, "securityLabels", indicator.security_labels, false);
  if (fields.contains("attributes")) {
    json.key("attributes").begin_object().key("data").begin_array();
    for (const auto& attribute : indicator.attributes) {
      json.begin_object()
          .key("type")
          .value(attribute.type)
          .key("value")
          .value(attribute.value)
          .key("default")
          .value(attribute.displayed)
          .end_object();
    }
    json.end_array().end_object();
  }
  if (fields.contains("associatedGroups")) write_associated_groups(json, store, indicator);
  json.end_object();
}

bool matches(const std::vector<TqlClause>& clauses, const StoredIndicator& indicator, const Owner& owner) {
  return tql_matches(clauses, kIndicatorFields, [&](std::string_view field) -> std::optional<std::string> {
    if (field == "typeName") return std::string(indicator.type->name);
    if (field == "summary") return indicator.summary;
    if (field == "rating") return indicator.rating ? std::optional(number_text(*indicator.rating)) : std::nullopt;
    if (field == "confidence") {
      return indicator.confidence ? std::optional(std::to_string(*indicator.confidence)) : std::nullopt;
    }
    if (field == "threatAssessScore") return std::to_string(score_of(indicator));
    if (field == "lastModified") return iso_time(indicator.last_modified);
    if (field == "dateAdded") return iso_time(indicator.date_added);
    if (field == "indicatorActive") return std::string(indicator.active ? "true" : "false");
    if (field == "hasTag") {
      std::string joined;
      for (const auto& tag : indicator.tags) joined += (joined.empty() ? "" : "\x1f") + tag;
      return joined;
    }
    return owner.name;
  });
}

Response single(ApiContext& context, const Request& request, const std::string& key, const Owner* owner,
                const Fields& fields) {
  std::int64_t id = 0;
  const auto* end = key.data() + key.size();
  const auto parsed = std::from_chars(key.data(), end, id);
  const bool by_id = !key.empty() && parsed.ec == std::errc() && parsed.ptr == end;
  // By summary: the given owner, else the first (the API user's Organization: docs/threatconnect.md, Owners).
  if (!by_id && owner == nullptr) owner = &context.store.owners().front();
  for (const auto& [stored_id, indicator] : context.store.indicators()) {
    if (by_id ? stored_id != id : indicator.summary != key) continue;
    if (owner != nullptr && indicator.owner_id != owner->id) continue;
    const Owner* holder = context.store.find_owner(indicator.owner_id);
    std::string body;
    JsonWriter json(body);
    json.begin_object().key("data");
    write_indicator(json, request, context.store, indicator, *holder, fields);
    json.key("status").value("Success").end_object();
    return json_response(200, std::move(body));
  }
  return v3_error(404, "Object not found");
}

}  // namespace

Response handle_v3_indicators(ApiContext& context, const Request& request, Segments segments) {
  if (request.method != "GET") return v3_error(405, "tcfeed-sandbox serves v3 indicators read-only");
  if (segments.size() > 1) return v3_error(404, "Unknown v3 indicators endpoint");
  const Owner* owner = nullptr;
  if (const auto name = query_param(request.query(), "owner")) {
    owner = context.store.find_owner(*name);
    if (owner == nullptr) return v3_error(403, "Access Denied: unknown owner");
  }
  const auto requested = query_params(request.query(), "fields");
  const Fields fields(requested.begin(), requested.end());
  if (segments.size() == 1) return single(context, request, segments[0], owner, fields);

  std::vector<TqlClause> clauses;
  const std::string tql = query_param(request.query(), "tql").value_or("");
  if (auto error = parse_tql(tql, clauses)) return v3_error(400, *error);
  if (auto error = tql_check(clauses, kIndicatorFields)) return v3_error(400, *error);
  const auto page = parse_page(request);
  if (!page) return v3_error(400, "resultStart must be >= 0 and resultLimit between 0 and 10000");

  // Without owner= every owner's indicators are listed (TQL ownerName narrows them). Only active
  // ones unless the TQL asks about indicatorActive (docs/threatconnect.md, Reads).
  const bool active_only = std::none_of(clauses.begin(), clauses.end(), [](const TqlClause& clause) {
    return clause.field.size() == 15 && std::equal(clause.field.begin(), clause.field.end(), "indicatorActive",
                                                   [](char a, char b) { return std::tolower(a) == std::tolower(b); });
  });
  std::vector<std::pair<const StoredIndicator*, const Owner*>> found;
  for (const auto& [id, indicator] : context.store.indicators()) {
    if ((active_only && !indicator.active) || (owner != nullptr && indicator.owner_id != owner->id)) continue;
    const Owner* holder = context.store.find_owner(indicator.owner_id);
    if (holder != nullptr && matches(clauses, indicator, *holder)) found.emplace_back(&indicator, holder);
  }
  const auto total = static_cast<std::int64_t>(found.size());
  const auto first = std::min(page->start, total);
  const auto last = std::min(first + page->limit, total);
  std::string body;
  JsonWriter json(body);
  json.begin_object().key("data").begin_array();
  for (auto i = first; i < last; ++i) {
    const auto& [indicator, holder] = found[static_cast<std::size_t>(i)];
    write_indicator(json, request, context.store, *indicator, *holder, fields);
  }
  json.end_array();
  if (query_param(request.query(), "count").value_or("") == "true") json.key("count").value(total);
  if (last < total && page->limit > 0) json.key("next").value(next_link(request, last));
  json.key("status").value("Success").end_object();
  return json_response(200, std::move(body));
}

}  // namespace tcfeed::sandbox
