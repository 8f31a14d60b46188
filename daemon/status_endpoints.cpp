#include "daemon/status_endpoints.hpp"

#include "daemon/status_page.hpp"
#include "lib/core/log_escape.hpp"

namespace tcfeed::daemon {

std::string readyz_body(const pipeline::StatusSnapshot& snapshot) {
  std::string body;
  if (snapshot.ready && snapshot.degraded.empty()) return "ready\n";
  if (snapshot.ready) {
    body = "degraded:";
    const char* separator = " ";
    for (const auto& connector : snapshot.connectors) {
      if (pipeline::connector_health(connector, snapshot.now_unix).empty()) continue;
      body += separator + log_escaped(connector.name);
      separator = ", ";
    }
    body += "\n";
  }
  for (const auto& problem : snapshot.problems) body += log_escaped(problem) + "\n";
  for (const auto& why : snapshot.degraded) body += log_escaped(why) + "\n";
  return body;
}

net::HttpServer::Handler status_endpoints(const telemetry::Metrics& metrics, StatusGauges& gauges,
                                          std::function<pipeline::StatusSnapshot()> status,
                                          std::function<std::string()> page_extra) {
  return [&metrics, &gauges, status = std::move(status), page_extra = std::move(page_extra)](std::string_view,
                                                                                             std::string_view target) {
    const std::string_view path = target.substr(0, target.find('?'));
    net::HttpReply reply;
    if (path == "/metrics") {
      gauges.publish(status());
      reply.content_type = "text/plain; version=0.0.4; charset=utf-8";
      reply.body = metrics.render();
    } else if (path == "/livez") {
      reply.body = "ok\n";
    } else if (path == "/readyz") {
      // 503 only when not ready: a connector that fails is one feed's problem, and a load balancer
      // or watchdog acting on this must not restart the daemon for it (degraded stays 200).
      const auto snapshot = status();
      reply.status = snapshot.ready ? 200 : 503;
      reply.body = readyz_body(snapshot);
    } else if (path == "/") {
      reply.content_type = kStatusPageContentType;
      reply.headers.emplace_back("Content-Security-Policy", status_page_policy());
      reply.body = render_status_page(status(), page_extra ? page_extra() : std::string());
    } else {
      reply.status = 404;
      reply.body = "not found; try /, /metrics, /livez, /readyz or /exports/NAME\n";
    }
    return reply;
  };
}

}  // namespace tcfeed::daemon
