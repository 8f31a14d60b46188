#pragma once
// The status page's charts (docs/architecture.md, Status, readiness and degraded): small inline
// SVG drawn here, with no script and no external asset, each with a <title> and <desc> a screen
// reader reads, axis text, and a <title> per bar that a pointer shows. Names are escaped here.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lib/telemetry/status_history.hpp"

namespace tcfeed::daemon {

// A connector's recent runs: three strips of bars (records read, indicators queued, values
// rejected), newest at the right, failed runs marked. `id` makes the element ids unique on the page
// (it must be a plain token, e.g. "c0").
std::string runs_chart(const std::vector<telemetry::RunPoint>& runs, std::string_view connector, std::string_view id,
                       std::int64_t now_unix);

// An owner's outbox over time: indicators waiting, as a line from the first sample to the last.
std::string backlog_chart(const std::vector<telemetry::BacklogPoint>& points, std::string_view owner,
                          std::string_view id, std::int64_t now_unix);

}  // namespace tcfeed::daemon
