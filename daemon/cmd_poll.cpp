// `tcfeed poll CONNECTOR`: the client of the daemon's POST /poll/CONNECTOR on http.listen. It
// asks a running daemon and never polls by itself: a second process polling the same connector
// would race the daemon for its cursor, and the state file is the daemon's while it runs. With no
// daemon, it says so and names the command that polls once without one.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "connectors/builtin_connectors.hpp"
#include "daemon/commands.hpp"
#include "lib/core/nearest_name.hpp"
#include "lib/net/http_probe.hpp"
#include "lib/net/http_server.hpp"
#include "lib/net/https_client.hpp"
#include "lib/pipeline/engine/validated_config.hpp"

namespace tcfeed::cli {
namespace {

constexpr std::chrono::seconds kAnswerDeadline{5};

// Where to reach the listener: a wildcard address is reached on loopback, the only peer it
// accepts a POST from.
std::string reachable_host(const std::string& host) {
  if (host == "0.0.0.0") return "127.0.0.1";
  if (host == "::") return "::1";
  return host;
}

}  // namespace

int poll(const PollArgs& args) {
  const config::Config config =
      pipeline::load_validated_config(args.config, pipeline::builtin_connectors(), {.read_secrets = false});
  std::vector<std::string> names;
  for (const auto& connector : config.connectors) names.push_back(connector.name);
  if (std::find(names.begin(), names.end(), args.connector) == names.end()) {
    std::fprintf(stderr, "tcfeed poll: no connector '%s' in %s%s\n", args.connector.c_str(), args.config.c_str(),
                 did_you_mean(args.connector, names).c_str());
    return kExitUsage;
  }
  const auto listen = net::parse_listen_address(config.http_listen);
  if (listen.port == 0) {
    std::fprintf(stderr,
                 "tcfeed poll: http.listen %s lets the kernel pick the port, so it cannot be found from the "
                 "configuration; give it a fixed port, or POST /poll/%s to the port in the daemon's start-up line\n",
                 config.http_listen.c_str(), args.connector.c_str());
    return kExitUsage;
  }
  const std::string host = reachable_host(listen.host);
  net::ProbeResponse response;
  try {
    response = net::http_probe(host, listen.port, "/poll/" + args.connector, kAnswerDeadline, "POST");
  } catch (const net::TransportError& error) {
    std::fprintf(stderr,
                 "tcfeed poll: no daemon answers on http.listen %s (%s); start it (tcfeed run), or poll once "
                 "without one: tcfeed run --once --connector %s --config %s\n",
                 config.http_listen.c_str(), error.what(), args.connector.c_str(), args.config.c_str());
    return kExitFailure;
  }
  std::string body = response.body;
  while (!body.empty() && body.back() == '\n') body.pop_back();
  if (response.status == 202) {
    std::printf("%s\n", body.c_str());
    return kExitOk;
  }
  std::fprintf(stderr, "tcfeed poll: the daemon answered %d: %s\n", response.status, body.c_str());
  return response.status == 404 ? kExitUsage : kExitFailure;
}

}  // namespace tcfeed::cli
