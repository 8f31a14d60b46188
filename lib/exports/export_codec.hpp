#pragma once
// An export's list as the state file keeps it (docs/exports.md, Restarts): a version byte after a
// magic, then the list zlib-compressed — its shared tables (owners, tag sets, lastModified texts,
// traits) and each entry as id delta, traits index, lastModified and value. Written and read a
// chunk at a time, so neither side holds an uncompressed copy. Read back at start so the last
// good list is served at once; the one-JSON-object-a-line form earlier versions wrote is still read.
#include <string>
#include <string_view>

#include "lib/exports/export_list.hpp"

namespace tcfeed::exports {

inline constexpr std::string_view kListMagic = "TCXL";
inline constexpr unsigned char kListVersion = 1;

std::string encode_entries(const ExportList& list);

// Throws std::runtime_error when the blob is truncated, damaged or of an unknown version (a
// damaged state file is reported, never served as a shorter list).
ExportList decode_entries(std::string_view blob);

}  // namespace tcfeed::exports
