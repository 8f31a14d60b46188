// v2 reads: /v2/owners and /v2/indicators[/{branch}[/{value}]] (docs/threatconnect.md, Owners, Reads).
#include <algorithm>
#include <cctype>
#include <ctime>

#include "lib/core/json_writer.hpp"
#include "tests/sandbox/api.hpp"
#include "tests/sandbox/paging.hpp"
#include "tests/sandbox/query.hpp"
#include "tests/sandbox/threat_assess.hpp"
#include "tests/sandbox/validation.hpp"

namespace tcfeed::sandbox {
namespace {

enum class Shape { kAllTypes, kBranchList, kSingle };

struct ReadFlags {
  bool additional = false;
  bool tags = false;
  bool attributes = false;
  bool security_labels = false;
};

ReadFlags read_flags(const Request& request) {
  const auto flag = [&](std::string_view name) { return query_param(request.query(), name).value_or("") == "true"; };
  return {flag("includeAdditional"), flag("includeTags"), flag("includeAttributes"), flag("includeSecurityLabels")};
}

// The identifier field(s) of a stored indicator, split back out of its summary.
void write_identifier(JsonWriter& json, const StoredIndicator& indicator) {
  const IndicatorType& type = *indicator.type;
  if (type.kind == IndicatorKind::kFile) {
    for (const auto hash : split_summary(indicator.summary)) {
      json.key(hash.size() == 32 ? "md5" : hash.size() == 40 ? "sha1" : "sha256").value(hash);
    }
    return;
  }
  if (type.kind == IndicatorKind::kRegistryKey) {
    const auto first = indicator.summary.find(" : ");
    const auto last = indicator.summary.rfind(" : ");
    const std::string_view summary(indicator.summary);
    json.key("Key Name").value(summary.substr(0, first));
    json.key("Value Name").value(summary.substr(first + 3, last - first - 3));
    json.key("Value Type").value(summary.substr(last + 3));
    return;
  }
  json.key(type.fields.front()).value(indicator.summary);
}

std::string web_link(const Request& request, const StoredIndicator& indicator, const Owner& owner) {
  const std::string host(request.header("host").value_or("localhost"));
  return "https://" + host + "/auth/indicators/details/" + std::string(indicator.type->entity) + ".xhtml?" +
         std::string(indicator.type->entity) + "=" + percent_encode(indicator.summary) +
         "&owner=" + percent_encode(owner.name);
}

void write_indicator(JsonWriter& json, const Request& request, const StoredIndicator& indicator, const Owner& owner,
                     Shape shape, const ReadFlags& flags) {
  json.begin_object().key("id").value(indicator.id);
  if (shape == Shape::kSingle) {
    json.key("owner")
        .begin_object()
        .key("id")
        .value(owner.id)
        .key("name")
        .value(owner.name)
        .key("type")
        .value(owner.type)
        .end_object();
  } else {
    json.key("ownerName").value(owner.name);
  }
  if (shape == Shape::kAllTypes) {
    json.key("type").value(indicator.type->name).key("summary").value(indicator.summary);
  }
  json.key("dateAdded").value(iso_time(indicator.date_added));
  json.key("lastModified").value(iso_time(indicator.last_modified));
  if (indicator.rating) json.key("rating").value(*indicator.rating);
  if (indicator.confidence) json.key("confidence").value(*indicator.confidence);
  // ThreatAssess: see threat_assess.hpp and README.md.
  const double rating = indicator.rating.value_or(0.0);
  const int confidence = indicator.confidence.value_or(0);
  json.key("threatAssessRating").value(rating);
  json.key("threatAssessConfidence").value(static_cast<double>(confidence));
  json.key("threatAssessScore")
      .value(threat_assess_score(rating, confidence, indicator.tags.size(), indicator.summary));
  json.key("webLink").value(web_link(request, indicator, owner));
  if (shape != Shape::kAllTypes) write_identifier(json, indicator);
  if (flags.additional) {
    json.key("active").value(indicator.active).key("activeLocked").value(indicator.active_locked);
    json.key("privateFlag").value(indicator.private_flag);
    json.key("observationCount").value(0).key("falsePositiveCount").value(0);
  }
  if (flags.tags) {
    json.key("tag").begin_array();
    for (const auto& tag : indicator.tags) json.begin_object().key("name").value(tag).end_object();
    json.end_array();
  }
  if (flags.attributes) {
    json.key("attribute").begin_array();
    for (const auto& attribute : indicator.attributes) {
      json.begin_object()
          .key("type")
          .value(attribute.type)
          .key("value")
          .value(attribute.value)
          .key("displayed")
          .value(attribute.displayed)
          .end_object();
    }
    json.end_array();
  }
  if (flags.security_labels) {
    json.key("securityLabel").begin_array();
    for (const auto& label : indicator.security_labels) {
      json.begin_object().key("name").value(label).end_object();
    }
    json.end_array();
  }
  json.end_object();
}

Response list(ApiContext& context, const Request& request, const Owner& owner, const IndicatorType* type) {
  const auto page = parse_page(request);
  if (!page) return failure(400, "resultStart must be >= 0 and resultLimit between 0 and 10000");
  const auto* start = &page->start;
  const auto* limit = &page->limit;
  const ReadFlags flags = read_flags(request);
  std::vector<const StoredIndicator*> matches;
  for (const auto& [id, indicator] : context.store.indicators()) {
    // v2 lists return active indicators only unless filtered otherwise (docs/threatconnect.md, Reads).
    if (indicator.owner_id == owner.id && indicator.active && (type == nullptr || indicator.type == type)) {
      matches.push_back(&indicator);
    }
  }
  std::string body;
  JsonWriter json(body);
  json.begin_object().key("status").value("Success").key("data").begin_object();
  if (*start == 0) json.key("resultCount").value(static_cast<std::int64_t>(matches.size()));
  json.key(type == nullptr ? std::string_view("indicator") : type->entity).begin_array();
  const auto first = std::min<std::size_t>(static_cast<std::size_t>(*start), matches.size());
  const auto last = std::min<std::size_t>(first + static_cast<std::size_t>(*limit), matches.size());
  for (std::size_t i = first; i < last; ++i) {
    write_indicator(json, request, *matches[i], owner, type == nullptr ? Shape::kAllTypes : Shape::kBranchList, flags);
  }
  json.end_array().end_object().end_object();
  return json_response(200, std::move(body));
}

bool matches_value(const StoredIndicator& indicator, std::string_view value) {
  if (indicator.summary == value) return true;
  if (indicator.type->kind != IndicatorKind::kFile) return false;
  // A file is addressed by any one of its hashes, case-insensitively.
  for (const auto hash : split_summary(indicator.summary)) {
    if (hash.size() == value.size() && std::equal(hash.begin(), hash.end(), value.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        })) {
      return true;
    }
  }
  return false;
}

Response single(ApiContext& context, const Request& request, const Owner& owner, const IndicatorType& type,
                std::string_view value) {
  for (const auto& [id, indicator] : context.store.indicators()) {
    if (indicator.owner_id != owner.id || indicator.type != &type || !matches_value(indicator, value)) continue;
    std::string body;
    JsonWriter json(body);
    json.begin_object().key("status").value("Success").key("data").begin_object().key(type.entity);
    write_indicator(json, request, indicator, owner, Shape::kSingle, read_flags(request));
    json.end_object().end_object();
    return json_response(200, std::move(body));
  }
  return failure(404, "The requested indicator was not found");
}

}  // namespace

std::string iso_time(std::int64_t epoch_seconds) {
  const std::time_t time = static_cast<std::time_t>(epoch_seconds);
  std::tm parts{};
  gmtime_r(&time, &parts);
  char buffer[32];
  const auto length = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return std::string(buffer, length);
}

const Owner* requested_owner(const Store& store, const Request& request) {
  const auto name = query_param(request.query(), "owner");
  if (!name) return &store.owners().front();
  return store.find_owner(*name);
}

Response handle_owners(ApiContext& context, const Request& request, Segments segments) {
  if (request.method != "GET" || !segments.empty()) return failure(404, "Unknown owners endpoint");
  std::string body;
  JsonWriter json(body);
  json.begin_object().key("status").value("Success").key("data").begin_object();
  json.key("resultCount").value(static_cast<std::int64_t>(context.store.owners().size()));
  json.key("owner").begin_array();
  for (const auto& owner : context.store.owners()) {
    json.begin_object()
        .key("id")
        .value(owner.id)
        .key("name")
        .value(owner.name)
        .key("type")
        .value(owner.type)
        .end_object();
  }
  json.end_array().end_object().end_object();
  return json_response(200, std::move(body));
}

Response handle_indicators(ApiContext& context, const Request& request, Segments segments) {
  if (request.method != "GET") return failure(405, "tcfeed-sandbox serves v2 indicators read-only");
  const IndicatorType* type = nullptr;
  if (!segments.empty()) {
    type = find_type_by_branch(segments[0]);
    if (type == nullptr) return failure(404, "Unknown indicator type: " + segments[0]);
  }
  if (segments.size() > 2) return failure(404, "Unknown indicator endpoint");
  const Owner* owner = requested_owner(context.store, request);
  if (owner == nullptr) return failure(403, "Access Denied: unknown owner");
  if (segments.size() == 2) return single(context, request, *owner, *type, segments[1]);
  return list(context, request, *owner, type);
}

}  // namespace tcfeed::sandbox
