#pragma once
// The daemon's HTTP endpoints on http.listen: /metrics (Prometheus), /livez, /readyz and the
// status page at /.
#include <functional>
#include <string_view>

#include "lib/net/http_server.hpp"
#include "lib/pipeline/engine/status.hpp"
#include "lib/telemetry/metrics.hpp"

namespace tcfeed::daemon {

// `status` is called per request for /readyz and /.
net::HttpServer::Handler status_endpoints(const telemetry::Metrics& metrics,
                                          std::function<pipeline::StatusSnapshot()> status);

}  // namespace tcfeed::daemon
