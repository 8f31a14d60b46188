#pragma once
// The daemon's status page (docs/architecture.md, Status, readiness and degraded): one
// self-contained HTML document (inline CSS, inline SVG charts, no script, no external asset, so it
// works on an air-gapped SOC workstation and under the strict CSP below) that refreshes itself every
// 10 s. Every string in it is escaped: names come from the config and errors from the network.
#include <string>
#include <string_view>

#include "lib/pipeline/engine/status.hpp"

namespace tcfeed::daemon {

inline constexpr const char* kStatusPageContentType = "text/html; charset=utf-8";

// `extra` is HTML appended after the owners (the exports' section), already escaped.
std::string render_status_page(const pipeline::StatusSnapshot& snapshot, std::string_view extra = {});

// The Content-Security-Policy the page is served with: nothing may load or run but the page's own
// style sheet, named by its hash.
const std::string& status_page_policy();

}  // namespace tcfeed::daemon
