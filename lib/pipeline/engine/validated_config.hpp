#pragma once
// Loads the configuration and validates every connector entry against its type's schema by
// building it, so `check-config` and `run` reject exactly the same files. A schedule more frequent
// than its public source documents is clamped, with a located warning (public_cadence.hpp). With
// `read_secrets`, every secret reference is read, the connectors' too (an https:// source's: a
// file:// one is sent none), so an unset variable is a located error, not a first poll that fails.
#include <string>

#include "lib/config/config.hpp"
#include "lib/pipeline/connector/connector_registry.hpp"

namespace tcfeed::pipeline {

config::Config load_validated_config(const std::string& path, const ConnectorRegistry& registry,
                                     const config::LoadOptions& options = {});

}  // namespace tcfeed::pipeline
