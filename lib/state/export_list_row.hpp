#pragma once
// One export's last good list as the state file keeps it (docs/exports.md, Restarts).
#include <cstdint>
#include <optional>
#include <string>

namespace tcfeed::state {

struct ExportListRow {
  std::string name;
  std::string entries;  // encoded by lib/exports (export_codec.hpp); opaque here
  std::int64_t entry_count = 0;
  std::string since;  // lastModified mark for the next incremental read
  std::int64_t refreshed_at = 0;
  std::int64_t full_at = 0;                 // the last full re-read
  std::optional<std::int64_t> held_shrink;  // the ids of a shrink kept back, hashed (lib/exports)
};

}  // namespace tcfeed::state
