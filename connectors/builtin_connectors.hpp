#pragma once
// The registry of every connector type tcfeed ships (connectors/*): what `tcfeed connectors` lists
// and what a configuration's `type:` may name.
#include "lib/pipeline/connector/connector_registry.hpp"

namespace tcfeed::pipeline {

const ConnectorRegistry& builtin_connectors();

}  // namespace tcfeed::pipeline
