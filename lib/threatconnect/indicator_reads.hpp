#pragma once
// Reading indicators back (docs/threatconnect.md, Reads): v2 with includeAdditional=true, paged with
// resultStart/resultLimit, each with its owner and ThreatAssess fields.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "lib/indicators/indicator_type.hpp"
#include "lib/threatconnect/api_client.hpp"

namespace tcfeed::threatconnect {

// A group the indicator is associated with (v3 with fields=associatedGroups).
struct IndicatorGroup {
  std::string type;
  std::string name;
  std::string xid;
};

struct IndicatorRecord {
  std::int64_t id = 0;
  std::string type;
  std::string summary;
  std::string owner;
  std::optional<double> rating;
  std::optional<std::int64_t> confidence;
  std::optional<double> threat_assess_rating;
  std::optional<double> threat_assess_confidence;
  std::optional<std::int64_t> threat_assess_score;
  std::optional<bool> active;
  std::string date_added;
  std::string last_modified;
  std::vector<std::string> tags;       // v3 with fields=tags, v2 with includeTags=true
  std::vector<IndicatorGroup> groups;  // v3 only (docs/threatconnect.md, Reads)
};

struct IndicatorQuery {
  std::string owner;
  std::optional<indicators::IndicatorType> type;
  std::optional<std::string> value;  // one indicator by value (needs type)
  std::size_t limit = 1000;          // stop after this many records
  std::size_t page_size = 1000;      // resultLimit, at most 10,000
};

// Calls `on_record` for each indicator found; returns how many.
std::size_t read_indicators_v3(ApiClient& api, const IndicatorQuery& query,
                               const std::function<void(const IndicatorRecord&)>& on_record);

// The TQL for a query: typeName, summary and ownerName clauses joined with `and`.
std::string query_tql(const IndicatorQuery& query);

// v3 by a TQL the caller wrote (exports: docs/exports.md, Reads): every indicator it selects across
// owners, with fields=threatAssess and fields=tags, page by page following `next`.
std::size_t read_indicators_tql(ApiClient& api, const std::string& tql, std::size_t page_size,
                                const std::function<void(const IndicatorRecord&)>& on_record);

// A TQL string literal: "…" with backslash and double quote escaped.
std::string tql_string(std::string_view value);

std::size_t read_indicators_v2(ApiClient& api, const IndicatorQuery& query,
                               const std::function<void(const IndicatorRecord&)>& on_record);

}  // namespace tcfeed::threatconnect
