// http.listen's reading: an IP literal and a port. Host names are refused rather than resolved:
// the status endpoints belong on one known interface (normally loopback), not on whatever a
// name resolves to today.
#include <charconv>
#include <stdexcept>
#include <string>

#include <fmt/format.h>
#include <boost/asio/ip/address.hpp>

#include "lib/net/http_server.hpp"

namespace tcfeed::net {

ListenAddress parse_listen_address(std::string_view text) {
  const auto refuse = [text]() -> ListenAddress {
    throw std::invalid_argument(
        fmt::format("expected an IP address and a port like 127.0.0.1:9464 or [::1]:9464, got '{}'", text));
  };
  std::string_view host;
  std::string_view port_text;
  if (text.starts_with('[')) {
    const auto close = text.find(']');
    if (close == std::string_view::npos || text.substr(close + 1, 1) != ":") return refuse();
    host = text.substr(1, close - 1);
    port_text = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return refuse();
    host = text.substr(0, colon);
    port_text = text.substr(0, colon).find(':') == std::string_view::npos ? text.substr(colon + 1) : "";
  }
  unsigned port = 0;
  const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() || port > 65535) {
    return refuse();
  }
  boost::system::error_code bad;
  const auto address = boost::asio::ip::make_address(std::string(host), bad);
  // A bracketed IPv4 address or an unbracketed IPv6 one is a typo, not a variant.
  if (bad || address.is_v6() != text.starts_with('[')) return refuse();
  return ListenAddress{std::string(host), static_cast<std::uint16_t>(port)};
}

}  // namespace tcfeed::net
