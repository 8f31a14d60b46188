#pragma once
// The daemon's HTTP endpoints on http.listen: /metrics (Prometheus), /livez, /readyz and the
// status page at / (docs/architecture.md, Status, readiness and degraded).
#include <functional>
#include <string>
#include <string_view>

#include "daemon/status_gauges.hpp"
#include "lib/net/http_server.hpp"
#include "lib/pipeline/engine/status.hpp"
#include "lib/telemetry/metrics.hpp"

namespace tcfeed::daemon {

// `status` is called per request for /readyz, / and /metrics (whose status gauges it sets first);
// `page_extra`, when given, per request for HTML the status page shows after its own sections.
net::HttpServer::Handler status_endpoints(const telemetry::Metrics& metrics, StatusGauges& gauges,
                                          std::function<pipeline::StatusSnapshot()> status,
                                          std::function<std::string()> page_extra = {});

// The body of /readyz: "ready", or "degraded: <connectors>" then a line per unhealthy connector
// (both answered 200), or a line per problem (503). Each line log-escaped: a platform's message
// cannot add lines of its own.
std::string readyz_body(const pipeline::StatusSnapshot& snapshot);

}  // namespace tcfeed::daemon
