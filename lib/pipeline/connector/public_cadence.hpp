#pragma once
// The poll interval a public source documents (docs/feeds.md, Poll intervals: URLhaus regenerates its exports
// every 5 minutes and asks not to be fetched more often; ThreatFox 15 min, MalwareBazaar 10 min,
// Feodo Tracker 1 h). A connector that polls the public host more often gains nothing — the data
// has not changed — and risks its key being rate-limited, which stops the feed altogether. So the
// schedule is clamped to the documented minimum, and the config load says so at the file and line
// of `every`. Only the public hosts count: a mirror, a proxy cache or a test server is polled as
// configured.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "lib/config/config.hpp"

namespace tcfeed::pipeline {

struct PublicCadence {
  std::vector<std::string> hosts;  // the public source's host names, lower-case
  std::chrono::seconds min_every{0};
};

// When the connector's `url` is on one of the cadence's hosts and its schedule is more frequent,
// sets schedule.every to the minimum and returns the located notice ("FILE:LINE: PATH: ...").
std::optional<std::string> clamp_to_public_cadence(config::ConnectorConfig& connector, const PublicCadence& cadence,
                                                   const std::string& file);

}  // namespace tcfeed::pipeline
