// http_fixture_server: an HttpServer with fixed replies, for the integration tests of
// `tcfeed probe` and prometheus_check against a live endpoint.
//   http_fixture_server PORT_FILE SILENT_PORT_FILE
// Listens on 127.0.0.1 (ports the kernel picks), writes the port to PORT_FILE, and also opens a
// listener that never accepts (a server that hangs) and writes its port to SILENT_PORT_FILE.
// Routes: /ok 200; /not-ready 503 with a reason; /moved 301; /throw (the handler throws: 500);
// /metrics a Prometheus exposition from lib/telemetry with hostile label values; else 404.
// Serves until SIGTERM or SIGINT.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>

#include "lib/net/http_server.hpp"
#include "lib/telemetry/metrics.hpp"

namespace {

using tcfeed::net::HttpReply;

void write_port(const std::string& path, unsigned port) {
  // Written then renamed, so a test polling for the file never reads half a number.
  const std::string temporary = path + ".tmp";
  std::ofstream(temporary) << port << '\n';
  if (std::rename(temporary.c_str(), path.c_str()) != 0) throw std::runtime_error("cannot write " + path);
}

// Returns the port of a loopback listener whose connections complete in the kernel's backlog
// and are never answered.
unsigned silent_listener() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  auto* generic = reinterpret_cast<sockaddr*>(&address);
  if (fd < 0 || ::bind(fd, generic, length) != 0 || ::listen(fd, 16) != 0 || ::getsockname(fd, generic, &length) != 0) {
    throw std::runtime_error("silent listener: cannot listen");
  }
  return ntohs(address.sin_port);  // the descriptor stays open for the life of the process
}

void fill(tcfeed::telemetry::Metrics& metrics) {
  metrics.counter("tcfeed_records_total", "Records read from a source.", {{"connector", "urlhaus"}}).add(1234);
  metrics.counter("tcfeed_records_total", "Records read from a source.", {{"connector", "feodo"}}).add(7);
  metrics
      .counter("tcfeed_delivered_total", "Indicators the platform stored.",
               {{"owner", "Acme \"Threat\" Feeds\\EU\nsecond line"}})
      .add(99);
  metrics.gauge("tcfeed_ready", "1 when every owner can be sent to.").set(1);
  metrics.gauge_callback("tcfeed_outbox_oldest_seconds", "Age of the oldest pending batch.", {}, [] { return 12.5; });
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s PORT_FILE SILENT_PORT_FILE\n", argv[0]);
    return 2;
  }
  // Blocked before the server's thread starts, so only sigwait below ever sees them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  tcfeed::telemetry::Metrics metrics;
  fill(metrics);
  tcfeed::net::HttpServer server("127.0.0.1:0", [&metrics](std::string_view, std::string_view target) {
    target = target.substr(0, target.find('?'));
    if (target == "/ok") return HttpReply{200, "text/plain; charset=utf-8", "ok\n", {}};
    if (target == "/not-ready") {
      return HttpReply{503, "text/plain; charset=utf-8", "not ready: owner Acme stopped (HTTP 401)\nmore detail\n", {}};
    }
    if (target == "/moved") return HttpReply{301, "text/plain; charset=utf-8", "moved\n", {}};
    if (target == "/throw") throw std::runtime_error("fixture failure");
    if (target == "/metrics")
      return HttpReply{200, std::string(tcfeed::telemetry::kPrometheusContentType), metrics.render(), {}};
    return HttpReply{404, "text/plain; charset=utf-8", "not found\n", {}};
  });
  try {
    server.start();
    write_port(argv[2], silent_listener());
    write_port(argv[1], server.port());
  } catch (const std::exception& error) {
    std::fprintf(stderr, "http_fixture_server: %s\n", error.what());
    return 1;
  }
  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  server.stop();
  return 0;
}
