#pragma once
// A URL's host as an indicator of its own, for the connectors that can send it beside the URL
// (`host_as: host`: urlhaus, openphish).
#include <optional>
#include <string_view>

#include "lib/indicators/indicator_type.hpp"

namespace tcfeed::connectors {

struct HostCandidate {
  indicators::IndicatorType type = indicators::IndicatorType::Host;
  std::string_view value;  // a view into the URL
};

// The host as written (lib/indicators/url_host.hpp): an IP literal is an Address, any other name
// a Host; nullopt when the URL has none. Not validated: the stream normalizes it.
std::optional<HostCandidate> url_host_candidate(std::string_view url);

}  // namespace tcfeed::connectors
