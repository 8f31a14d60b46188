#pragma once
// One plain-HTTP request with a hard deadline on the whole exchange, for `tcfeed probe` (the
// container's health check against the daemon's loopback listener, where there is no curl) and
// `tcfeed poll` (a POST to the same listener).
#include <chrono>
#include <cstdint>
#include <string>

namespace tcfeed::net {

struct ProbeResponse {
  int status = 0;
  std::string reason;  // the status line's reason phrase, as sent
  std::string body;    // at most kProbeBodyLimit bytes of it
};

inline constexpr std::size_t kProbeBodyLimit = 64 * 1024;

// GET (or `method`, without a body) `target` from host:port (host: an IP literal or a name; IPv6 without brackets) with
// "Connection: close"; resolve, connect, send and read all end by `deadline` from now. Throws
// TransportError (lib/net/https_client.hpp) naming host:port and the step that failed.
ProbeResponse http_probe(const std::string& host, std::uint16_t port, const std::string& target,
                         std::chrono::milliseconds deadline, const std::string& method = "GET");

}  // namespace tcfeed::net
