#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "connectors/builtin_connectors.hpp"
#include "daemon/commands.hpp"
#include "daemon/type_names.hpp"
#include "lib/core/counted.hpp"
#include "lib/core/json_writer.hpp"
#include "lib/pipeline/delivery/platform.hpp"
#include "lib/pipeline/engine/validated_config.hpp"
#include "lib/threatconnect/indicator_reads.hpp"

namespace tcfeed::cli {
namespace {

template <typename T>
std::string cell(const std::optional<T>& value) {
  if (!value) return "-";
  if constexpr (std::is_floating_point_v<T>) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", *value);
    return buffer;
  } else {
    return std::to_string(*value);
  }
}

void print_table(const std::vector<threatconnect::IndicatorRecord>& records) {
  std::vector<std::string> header = {"TYPE",      "SUMMARY",       "OWNER",    "RATING", "CONFIDENCE",
                                     "TA_RATING", "TA_CONFIDENCE", "TA_SCORE", "ACTIVE", "TAGS"};
  // The groups column only when there are groups to show (v3 reads them).
  const bool any_groups = std::any_of(records.begin(), records.end(), [](const auto& r) { return !r.groups.empty(); });
  if (any_groups) header.push_back("GROUPS");
  std::vector<std::vector<std::string>> rows = {header};
  for (const auto& r : records) {
    std::string tags;
    for (const auto& tag : r.tags) tags += (tags.empty() ? "" : ", ") + tag;
    rows.push_back({r.type, r.summary, r.owner, cell(r.rating), cell(r.confidence), cell(r.threat_assess_rating),
                    cell(r.threat_assess_confidence), cell(r.threat_assess_score),
                    r.active ? (*r.active ? "yes" : "no") : "-", tags.empty() ? "-" : tags});
    if (any_groups) {
      std::string groups;
      for (const auto& group : r.groups) groups += (groups.empty() ? "" : ", ") + group.type + ": " + group.name;
      rows.back().push_back(groups.empty() ? "-" : groups);
    }
  }
  std::vector<std::size_t> widths(header.size(), 0);
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line.append(widths[i] - row[i].size() + 2, ' ');
    }
    std::puts(line.c_str());
  }
}

void print_json(const std::vector<threatconnect::IndicatorRecord>& records) {
  std::string out;
  JsonWriter json(out);
  const auto optional_number = [&](const char* key, const auto& value) {
    json.key(key);
    if (value)
      json.value(*value);
    else
      json.null();
  };
  json.begin_array();
  for (const auto& r : records) {
    json.begin_object();
    json.key("id").value(r.id);
    json.key("type").value(r.type);
    json.key("summary").value(r.summary);
    json.key("owner").value(r.owner);
    optional_number("rating", r.rating);
    optional_number("confidence", r.confidence);
    optional_number("threatAssessRating", r.threat_assess_rating);
    optional_number("threatAssessConfidence", r.threat_assess_confidence);
    optional_number("threatAssessScore", r.threat_assess_score);
    json.key("active");
    if (r.active)
      json.value(*r.active);
    else
      json.null();
    json.key("dateAdded").value(r.date_added);
    json.key("lastModified").value(r.last_modified);
    json.key("tags").begin_array();
    for (const auto& tag : r.tags) json.value(tag);
    json.end_array();
    json.key("groups").begin_array();
    for (const auto& group : r.groups) {
      json.begin_object().key("type").value(group.type).key("name").value(group.name);
      json.key("xid").value(group.xid).end_object();
    }
    json.end_array();
    json.end_object();
  }
  json.end_array();
  std::puts(out.c_str());
}

}  // namespace

int indicators(const IndicatorsArgs& args) {
  threatconnect::IndicatorQuery query;
  query.owner = args.owner;
  if (args.type) {
    query.type = parse_type_any_case(*args.type);
    if (!query.type) {
      std::fprintf(stderr, "tcfeed indicators: --type '%s' is not a standard indicator type; expected one of %s\n",
                   args.type->c_str(), std::string(indicators::all_type_names_joined()).c_str());
      return kExitUsage;
    }
  }
  if (args.value && !args.type) {
    std::fprintf(stderr, "tcfeed indicators: --value needs --type\n");
    return kExitUsage;
  }
  query.value = args.value;
  query.limit = args.limit;
  const config::Config config =
      pipeline::load_validated_config(args.config, pipeline::builtin_connectors(), kThreatConnectOnly);
  auto api = pipeline::connect_platform(config);
  std::vector<threatconnect::IndicatorRecord> records;
  const auto collect = [&](const auto& record) { records.push_back(record); };
  if (args.v3)
    threatconnect::read_indicators_v3(*api, query, collect);
  else
    threatconnect::read_indicators_v2(*api, query, collect);
  if (args.json) {
    print_json(records);
  } else {
    print_table(records);
    std::printf("%s\n", counted(records.size(), "indicator", "indicators").c_str());
  }
  return kExitOk;
}

}  // namespace tcfeed::cli
