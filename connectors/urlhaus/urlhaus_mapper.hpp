#pragma once
// URLhaus record → indicator candidates (docs/feeds.md). Pure: no I/O, no clock — the backfill
// start comes in with the options. One mapper serves the CSV exports and the JSON dump.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "lib/pipeline/connector/connector.hpp"

namespace tcfeed::connectors::urlhaus {

enum class HostAs { None, Host };

// One row, as views into the record being read.
struct UrlhausRecord {
  std::string_view id;
  std::string_view dateadded;  // "YYYY-MM-DD HH:MM:SS" UTC (the JSON dump appends " UTC")
  std::string_view url;
  std::string_view url_status;  // online | offline
  std::string_view threat;      // e.g. malware_download
  std::vector<std::string_view> tags;
  std::string_view link;  // urlhaus_link: the entry's page, sent as a Source attribute
  bool complete = true;   // false: the row had the wrong number of fields
};

struct UrlhausMapOptions {
  HostAs host_as = HostAs::None;
  bool include_offline = true;
  std::int64_t after_id = 0;  // the cursor: rows with an id at or below it were read before
  // The first run's backfill start. In seconds, as dates are: a year past 2262 in nanoseconds
  // would overflow (found by fuzzing).
  std::optional<std::chrono::sys_seconds> not_before;
};

enum class Verdict { Mapped, Old, Offline, Malformed };

struct MapResult {
  Verdict verdict = Verdict::Malformed;
  std::int64_t id = 0;  // 0 when the row has no valid id
};

class UrlhausMapper {
 public:
  explicit UrlhausMapper(UrlhausMapOptions options) : options_(options) {}
  // Emits the row's candidates, or tells the sink why it has none ("offline", "malformed row").
  // Rows at or below the cursor or older than the backfill are Old and skipped silently — even a
  // malformed one, so a re-poll does not count the same broken row again.
  MapResult map(const UrlhausRecord& record, pipeline::CandidateSink& sink);

 private:
  UrlhausMapOptions options_;
  pipeline::Candidate candidate_;  // reused, so a row costs no allocation once warm
};

// "elf,mozi" → {"elf", "mozi"}, trimmed, empty and "None" entries dropped; appends to `out`.
void split_tags(std::string_view field, std::vector<std::string_view>& out);

// "2024-05-14 10:14:06" with an optional " UTC"; nullopt when it is not that.
std::optional<std::chrono::sys_seconds> parse_dateadded(std::string_view text);

}  // namespace tcfeed::connectors::urlhaus
