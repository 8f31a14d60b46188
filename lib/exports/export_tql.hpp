#pragma once
// The TQL of an export's reads (docs/exports.md, Reads). A full read asks for what matches; an
// incremental one asks twice for what changed since a mark — once for everything that changed
// (active or not, matching or not: what may have to leave the list) and once for what of that
// matches (what is in it now). So a filter the platform evaluates, `where` included, decides both
// joining and leaving, and tcfeed never re-implements it.
#include <string>

#include "lib/config/export_config.hpp"

namespace tcfeed::exports {

// ownerName, typeName and every filter, ANDed; `where` in parentheses.
std::string matching_tql(const config::ExportConfig& config);

// The same, changed at or after `since` (an ISO time).
std::string matching_since_tql(const config::ExportConfig& config, const std::string& since);

// The export's owners and types only, changed at or after `since`, active or not.
std::string changed_since_tql(const config::ExportConfig& config, const std::string& since);

}  // namespace tcfeed::exports
