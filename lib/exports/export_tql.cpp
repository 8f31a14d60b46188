#include "lib/exports/export_tql.hpp"

#include "lib/threatconnect/indicator_reads.hpp"

namespace tcfeed::exports {
namespace {

std::string in_list(const char* field, const std::vector<std::string>& values) {
  std::string out = std::string(field) + " in (";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + threatconnect::tql_string(values[i]);
  return out + ")";
}

std::string scope(const config::ExportConfig& config) {
  std::string tql = in_list("ownerName", config.owners);
  if (!config.types.empty()) {
    std::vector<std::string> names;
    for (auto type : config.types) names.emplace_back(indicators::type_name(type));
    tql += " and " + in_list("typeName", names);
  }
  return tql;
}

}  // namespace

std::string matching_tql(const config::ExportConfig& config) {
  std::string tql = scope(config);
  if (config.min_rating) tql += " and rating >= " + std::to_string(*config.min_rating);
  if (config.min_confidence) tql += " and confidence >= " + std::to_string(*config.min_confidence);
  if (config.min_threat_assess_score) {
    tql += " and threatAssessScore >= " + std::to_string(*config.min_threat_assess_score);
  }
  if (!config.tags_any.empty()) tql += " and hasTag(" + in_list("summary", config.tags_any) + ")";
  if (!config.where.empty()) tql += " and (" + config.where + ")";
  return tql;
}

std::string matching_since_tql(const config::ExportConfig& config, const std::string& since) {
  return matching_tql(config) + " and lastModified >= " + threatconnect::tql_string(since);
}

std::string changed_since_tql(const config::ExportConfig& config, const std::string& since) {
  // indicatorActive named: inactive indicators too (a list answers only active ones by default),
  // since one that was deactivated must leave the list.
  return scope(config) + " and lastModified >= " + threatconnect::tql_string(since) +
         " and indicatorActive in (true, false)";
}

}  // namespace tcfeed::exports
