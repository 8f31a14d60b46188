#include "daemon/status_endpoints.hpp"

#include "daemon/status_page.hpp"
#include "lib/core/log_escape.hpp"

namespace tcfeed::daemon {

net::HttpServer::Handler status_endpoints(const telemetry::Metrics& metrics,
                                          std::function<pipeline::StatusSnapshot()> status) {
  return [&metrics, status = std::move(status)](std::string_view, std::string_view target) {
    const std::string_view path = target.substr(0, target.find('?'));
    net::HttpReply reply;
    if (path == "/metrics") {
      reply.content_type = "text/plain; version=0.0.4; charset=utf-8";
      reply.body = metrics.render();
    } else if (path == "/livez") {
      reply.body = "ok\n";
    } else if (path == "/readyz") {
      const auto snapshot = status();
      reply.status = snapshot.ready ? 200 : 503;
      reply.body = snapshot.ready ? "ready\n" : "";
      // One line per problem, as in the log: a platform's message cannot add lines of its own.
      for (const auto& problem : snapshot.problems) reply.body += log_escaped(problem) + "\n";
    } else if (path == "/") {
      reply.content_type = kStatusPageContentType;
      reply.body = render_status_page(status());
    } else {
      reply.status = 404;
      reply.body = "not found; try /, /metrics, /livez or /readyz\n";
    }
    return reply;
  };
}

}  // namespace tcfeed::daemon
