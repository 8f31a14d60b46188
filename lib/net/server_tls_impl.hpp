#pragma once
// ServerTls's definition, for lib/net's translation units that run a TLS listener
// (http_server.cpp) or build one (server_tls.cpp); Asio's TLS headers stay out of the others.
#include <boost/asio/ssl/context.hpp>

#include "lib/net/server_tls.hpp"

namespace tcfeed::net {

struct ServerTls {
  boost::asio::ssl::context context{boost::asio::ssl::context::tls_server};
};

}  // namespace tcfeed::net
