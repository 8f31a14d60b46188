#pragma once
// The daemon's status page: one self-contained HTML document (inline CSS, no script, no external
// asset, so it works on an air-gapped SOC workstation and under a strict CSP) that refreshes
// itself every 10 s. Every string in it is escaped: names come from the config and errors from
// the network.
#include <string>

#include "lib/pipeline/engine/status.hpp"

namespace tcfeed::daemon {

inline constexpr const char* kStatusPageContentType = "text/html; charset=utf-8";

std::string render_status_page(const pipeline::StatusSnapshot& snapshot);

}  // namespace tcfeed::daemon
