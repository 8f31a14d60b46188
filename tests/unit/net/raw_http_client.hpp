#pragma once
// A blocking HTTP/1.1 client over a plain POSIX socket, for the server tests: it sends exactly the
// bytes a test writes (malformed, oversized, pipelined, or nothing at all) and reads responses
// without any library's opinion about them. Every read gives up after 10 s so a hung server fails
// a test instead of hanging it.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace tcfeed::net::testing {

struct RawResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

class RawConnection {
 public:
  // host: an IPv4 or IPv6 literal. Throws std::runtime_error when the connect fails.
  RawConnection(const std::string& host, std::uint16_t port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  void send(std::string_view bytes);
  // One response, its body framed by Content-Length (none for an answer to HEAD). Empty when
  // the server closed the connection before sending a byte.
  std::optional<RawResponse> read_response(bool head = false);
  // Everything until the server closes the connection (a reset counts as closed).
  std::string read_to_eof();

 private:
  // Appends what one recv() gives; false at the end of the stream.
  bool fill();

  int fd_ = -1;
  std::string buffer_;
};

}  // namespace tcfeed::net::testing
