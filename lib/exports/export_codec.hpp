#pragma once
// An export's list as the state file keeps it (docs/exports.md, Restarts): one JSON object per
// entry and line, with the platform id. Read back at start so the last good list is served at once.
#include <string>
#include <string_view>

#include "lib/exports/export_entry.hpp"

namespace tcfeed::exports {

std::string encode_entries(const EntryMap& entries);

// Throws std::runtime_error on a line that is not an entry (a damaged state file is reported,
// never served as a shorter list).
EntryMap decode_entries(std::string_view text);

}  // namespace tcfeed::exports
