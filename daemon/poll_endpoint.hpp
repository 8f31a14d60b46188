#pragma once
// POST /poll/CONNECTOR on http.listen: poll one connector now, in the running daemon. The server
// takes a POST from a loopback peer only (lib/net/http_server.hpp); `tcfeed poll` is its client.
#include <functional>
#include <string>

#include "lib/net/http_server.hpp"
#include "lib/pipeline/engine/engine.hpp"

namespace tcfeed::daemon {

// 202 when the poll starts, 409 while it polls or its source asked to wait, 404 for a name the
// running configuration does not have, 503 while the daemon stops.
net::HttpServer::Handler poll_endpoint(std::function<pipeline::Engine::PollRequest(const std::string&)> poll);

}  // namespace tcfeed::daemon
