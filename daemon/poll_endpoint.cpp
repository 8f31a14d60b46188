#include "daemon/poll_endpoint.hpp"

#include "lib/core/log_escape.hpp"

namespace tcfeed::daemon {

net::HttpServer::Handler poll_endpoint(std::function<pipeline::Engine::PollRequest(const std::string&)> poll) {
  return [poll = std::move(poll)](std::string_view, std::string_view target) {
    constexpr std::string_view kPrefix = "/poll/";
    const std::string_view path = target.substr(0, target.find('?'));
    if (path.substr(0, kPrefix.size()) != kPrefix || path.size() == kPrefix.size()) {
      return net::HttpReply{404, "text/plain; charset=utf-8", "POST /poll/CONNECTOR is the one POST served\n", {}};
    }
    const std::string name(path.substr(kPrefix.size()));
    // The name is echoed: escaped, so a request cannot write control characters into a terminal.
    const std::string shown = log_escaped(name);
    using Request = pipeline::Engine::PollRequest;
    switch (poll(name)) {
      case Request::Started:
        return net::HttpReply{202, "text/plain; charset=utf-8", "connector " + shown + ": polling now\n", {}};
      case Request::AlreadyRunning:
        return net::HttpReply{409, "text/plain; charset=utf-8", "connector " + shown + " is polling already\n", {}};
      case Request::AskedToWait:
        return net::HttpReply{409,
                              "text/plain; charset=utf-8",
                              "connector " + shown +
                                  ": its source asked to wait (Retry-After or a rate limit); the status page shows "
                                  "its next poll\n",
                              {}};
      case Request::Unknown:
        return net::HttpReply{
            404, "text/plain; charset=utf-8", "no connector " + shown + " in the running configuration\n", {}};
      case Request::Stopping: break;
    }
    return net::HttpReply{503, "text/plain; charset=utf-8", "the daemon is stopping\n", {}};
  };
}

}  // namespace tcfeed::daemon
