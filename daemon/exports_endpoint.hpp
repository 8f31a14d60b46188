#pragma once
// GET /exports/NAME on the daemon's listener (docs/exports.md, Serving): the list a refresh
// rendered, with ETag and Last-Modified; 304 for If-None-Match / If-Modified-Since; gzip when the
// client accepts it. Firewalls poll every few minutes, so an answer costs a lookup and a
// comparison: the body and its gzip were made once, when the list changed.
#include <optional>
#include <string_view>

#include "daemon/export_set.hpp"
#include "lib/exports/export_service.hpp"
#include "lib/net/http_server.hpp"
#include "lib/telemetry/metrics.hpp"

namespace tcfeed::daemon {

// Registers the exports' metrics (entries, age, cut, refreshes and requests by outcome) and counts
// each refresh; call before the service starts. `service` and `metrics` outlive the server, or
// registering again for the same export replaces what the gauges read.
void register_export_metrics(telemetry::Metrics& metrics, exports::ExportService& service);
// Drops an export's gauges (a reload removed it); its counters stay, as counters do.
void forget_export_metrics(telemetry::Metrics& metrics, const std::string& name);

// `set` and `metrics` outlive the server.
net::HttpServer::RouteHandler exports_endpoint(const ExportSet& set, telemetry::Metrics& metrics);

// The status page's "Exports" section (empty without exports).
std::string exports_section(const ExportSet& set, telemetry::Metrics& metrics, std::int64_t now);

// Whether an Authorization value satisfies the export's auth (always, with none). Compared in
// constant time; the secret never leaves this function.
bool authorized(const config::ExportAuth& auth, std::optional<std::string_view> authorization);

// Whether an Accept-Encoding value accepts gzip (a q=0 refuses it).
bool accepts_gzip(std::string_view accept_encoding);

// Whether an If-None-Match value names `etag` (or is `*`); weak comparison, as RFC 9110 asks.
bool etag_matches(std::string_view if_none_match, std::string_view etag);

}  // namespace tcfeed::daemon
