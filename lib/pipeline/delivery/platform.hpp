#pragma once
// The ThreatConnect client as the configuration describes it.
#include <memory>

#include "lib/config/config.hpp"
#include "lib/threatconnect/api_client.hpp"

namespace tcfeed::pipeline {

std::unique_ptr<threatconnect::ApiClient> connect_platform(const config::Config& config);

}  // namespace tcfeed::pipeline
