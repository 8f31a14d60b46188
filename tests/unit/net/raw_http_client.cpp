#include "tests/unit/net/raw_http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <utility>

namespace tcfeed::net::testing {
namespace {

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error(what + ": " + std::strerror(errno)); }

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

RawConnection::RawConnection(const std::string& host, std::uint16_t port) {
  sockaddr_storage storage{};
  socklen_t length = 0;
  auto* v4 = reinterpret_cast<sockaddr_in*>(&storage);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&storage);
  if (::inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(port);
    length = sizeof(sockaddr_in);
  } else if (::inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(port);
    length = sizeof(sockaddr_in6);
  } else {
    throw std::invalid_argument("not an IP literal: " + host);
  }
  fd_ = ::socket(storage.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) fail("socket");
  timeval timeout{10, 0};
  ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&storage), length) != 0) {
    const int saved = errno;
    ::close(fd_);
    errno = saved;
    fail("connect to " + host + ":" + std::to_string(port));
  }
}

RawConnection::~RawConnection() { ::close(fd_); }

void RawConnection::send(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent < 0) fail("send");
    bytes.remove_prefix(static_cast<std::size_t>(sent));
  }
}

bool RawConnection::fill() {
  char chunk[16 * 1024];
  const ssize_t got = ::recv(fd_, chunk, sizeof chunk, 0);
  if (got < 0 && errno == ECONNRESET) return false;
  if (got < 0) fail("recv (a 10 s timeout means the server never answered or closed)");
  buffer_.append(chunk, static_cast<std::size_t>(got));
  return got > 0;
}

std::optional<RawResponse> RawConnection::read_response(bool head) {
  std::size_t header_end;
  while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (!fill()) {
      if (buffer_.empty()) return std::nullopt;
      throw std::runtime_error("connection closed inside a response header: " + buffer_);
    }
  }
  RawResponse response;
  const std::string header = buffer_.substr(0, header_end + 2);
  buffer_.erase(0, header_end + 4);
  if (header.rfind("HTTP/1.", 0) != 0 || header.size() < 12) {
    throw std::runtime_error("not an HTTP/1.x status line: " + header);
  }
  response.status = std::stoi(header.substr(9, 3));
  for (std::size_t at = header.find("\r\n") + 2; at < header.size();) {
    const std::size_t end = header.find("\r\n", at);
    const std::string line = header.substr(at, end - at);
    const std::size_t colon = line.find(':');
    const std::size_t value = line.find_first_not_of(' ', colon + 1);
    response.headers[lower(line.substr(0, colon))] = value == std::string::npos ? "" : line.substr(value);
    at = end + 2;
  }
  const auto length = response.headers.find("content-length");
  const std::size_t body_size = head || length == response.headers.end() ? 0 : std::stoul(length->second);
  while (buffer_.size() < body_size) {
    if (!fill()) throw std::runtime_error("connection closed inside a response body");
  }
  response.body = buffer_.substr(0, body_size);
  buffer_.erase(0, body_size);
  return response;
}

std::string RawConnection::read_to_eof() {
  while (fill()) {
  }
  return std::exchange(buffer_, {});
}

}  // namespace tcfeed::net::testing
