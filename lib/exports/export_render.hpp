#pragma once
// An export's list as its consumer reads it (docs/exports.md, Formats): the entries the
// never-block list allows, in a stable order (ThreatAssess score, highest first, then value, so a
// consumer's diff between two refreshes is small), cut at max_entries, written as edl, csv or json.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "lib/config/export_config.hpp"
#include "lib/exports/export_list.hpp"
#include "lib/pipeline/stream/allowlist.hpp"

namespace tcfeed::exports {

struct Rendered {
  std::string body;
  std::size_t entries = 0;        // entries written (an EDL value held by two owners counts once)
  std::size_t cut = 0;            // left out by max_entries
  std::size_t never_blocked = 0;  // left out by the never-block list
};

// The entries' positions in list order: score descending (none last), then value, owner and id.
std::vector<std::uint32_t> ordered(const ExportList& list);

Rendered render(const config::ExportConfig& config, const ExportList& list, const pipeline::Allowlist& never);

std::string_view content_type(config::ExportFormat format);

// The EDL line(s) of one entry: URL without its scheme, Host as configured, the rest as is.
std::vector<std::string> edl_values(const ExportEntry& entry, config::EdlHosts hosts);

inline constexpr std::string_view kCsvHeader =
    "type,value,owner,rating,confidence,threatAssessRating,threatAssessConfidence,threatAssessScore,lastModified,"
    "tags";

}  // namespace tcfeed::exports
