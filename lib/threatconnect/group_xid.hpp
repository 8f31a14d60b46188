#pragma once
// A group's batch xid (docs/threatconnect.md, Groups): deterministic, so a re-send updates the
// group the first send created and never makes a second one, and unique on the instance, since
// the platform keys groups by xid across owners.
#include <cstddef>
#include <string>
#include <string_view>

namespace tcfeed::threatconnect {

// The longest xid tcfeed writes. The platform documents no limit; 100 is the bound its own
// Python client keeps for group names and what tcfeed holds xids to (docs/threatconnect.md, Groups).
inline constexpr std::size_t kMaxXidLength = 100;

// `tcfeed:<connector>:<source id>` when that is at most kMaxXidLength bytes of printable ASCII
// without `"` or `\` (so it is written verbatim and reads back as sent); otherwise
// `tcfeed:<connector>:sha256:<hex of the source id's SHA-256>`, or, when the connector's name is
// itself too long or not plain, `tcfeed:sha256:<hex of the SHA-256 of connector, 0x1F, source id>`.
std::string group_xid(std::string_view connector, std::string_view source_id);

}  // namespace tcfeed::threatconnect
