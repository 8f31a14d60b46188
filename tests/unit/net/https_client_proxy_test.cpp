// HttpsClient through a real HTTP CONNECT proxy (tinyproxy on loopback): the tunnel, end-to-end
// TLS with the origin's name, proxy credentials, refusals and no_proxy.
#include <memory>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lib/net/https_client.hpp"
#include "tests/unit/net/test_certificates.hpp"
#include "tests/unit/net/test_tls_server.hpp"
#include "tests/unit/net/tinyproxy.hpp"

namespace tcfeed::net {
namespace {

using ::testing::AnyOf;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using testing::KeyPair;
using ::testing::Not;
using ::testing::StartsWith;
using testing::test_certificates;
using testing::TestTlsServer;
using testing::Tinyproxy;
using testing::TinyproxyConfig;

class HttpsClientProxyTest : public ::testing::Test {
 protected:
  // Not in the constructor: a missing tinyproxy then fails the test with its message.
  void start_proxy(const KeyPair& origin_pair, TinyproxyConfig config = {}) {
    server_ = std::make_unique<TestTlsServer>(origin_pair.cert_file, origin_pair.key_file);
    config.connect_ports.push_back(server_->port());
    proxy_ = std::make_unique<Tinyproxy>(config);
  }

  ClientOptions options(const std::string& host = "localhost") const {
    ClientOptions result;
    result.host = host;
    result.port = server_->port();
    result.ca_file = test_certificates().ca_file;
    result.connect_timeout = std::chrono::seconds(2);
    result.io_timeout = std::chrono::seconds(2);
    result.proxy = ProxyOptions{"127.0.0.1", proxy_->port(), "", Secret()};
    return result;
  }

  static std::string error_of(const ClientOptions& options) {
    HttpsClient client(options);
    try {
      client.send({"GET", "/echo", {}, {}});
    } catch (const TransportError& error) {
      return error.what();
    }
    return "<no TransportError>";
  }

  std::string origin() const { return "localhost:" + std::to_string(server_->port()); }
  std::string proxy_name() const { return "127.0.0.1:" + std::to_string(proxy_->port()); }

  std::unique_ptr<TestTlsServer> server_;
  std::unique_ptr<Tinyproxy> proxy_;
};

TEST_F(HttpsClientProxyTest, RequestsGoThroughTheTunnelWithTheOriginsNameAndReuseIt) {
  start_proxy(test_certificates().localhost);
  HttpsClient client(options());
  for (int i = 0; i < 3; ++i) {
    const HttpResponse response = client.send({"GET", "/echo/" + std::to_string(i), {}, {}});
    EXPECT_EQ(response.status, 200);
    EXPECT_THAT(response.body, HasSubstr("host: " + origin() + "\n"));
  }
  EXPECT_EQ(server_->last_server_name(), "localhost");  // SNI of the origin, not of the proxy
  EXPECT_EQ(client.connections_opened(), 1u);
  EXPECT_EQ(server_->connections_accepted(), 1u);
  EXPECT_THAT(proxy_->log(), HasSubstr("CONNECT " + origin()));
}

TEST_F(HttpsClientProxyTest, OriginCertificateForAnotherNameIsRefusedThroughTheProxy) {
  start_proxy(test_certificates().wrong_host);
  EXPECT_EQ(error_of(options()), "TLS handshake with " + origin() +
                                     " failed: certificate verify failed (host name mismatch: the certificate is not "
                                     "valid for localhost)");
  EXPECT_THAT(proxy_->log(), HasSubstr("CONNECT " + origin()));
}

TEST_F(HttpsClientProxyTest, ProxyAuthenticationIsSentAndA407NeverShowsThePassword) {
  start_proxy(test_certificates().localhost, {{}, "feeduser", "s3cret-pw"});
  ClientOptions anonymous = options();
  EXPECT_EQ(error_of(anonymous), "proxy " + proxy_name() + " refused CONNECT to " + origin() + ": HTTP 407");

  ClientOptions wrong = options();
  wrong.proxy->username = "feeduser";
  wrong.proxy->password = Secret("wrong-pw-value");
  const std::string refused = error_of(wrong);
  // tinyproxy 1.11 answers wrong credentials with 401 rather than 407; the status is reported.
  EXPECT_THAT(refused, AnyOf(EndsWith("refused CONNECT to " + origin() + ": HTTP 407"),
                             EndsWith("refused CONNECT to " + origin() + ": HTTP 401")));
  EXPECT_THAT(refused, Not(HasSubstr("wrong-pw-value")));
  EXPECT_THAT(refused, Not(HasSubstr("feeduser")));

  ClientOptions right = options();
  right.proxy->username = "feeduser";
  right.proxy->password = Secret("s3cret-pw");
  HttpsClient client(right);
  EXPECT_EQ(client.send({"GET", "/echo", {}, {}}).status, 200);
}

TEST_F(HttpsClientProxyTest, ProxyRefusingThePortIsReported) {
  start_proxy(test_certificates().localhost);
  ClientOptions options_for_other_port = options();
  // Only the TLS server's port is allowed for CONNECT; the proxy's own port is not.
  options_for_other_port.port = proxy_->port();
  EXPECT_EQ(error_of(options_for_other_port),
            "proxy " + proxy_name() + " refused CONNECT to localhost:" + std::to_string(proxy_->port()) + ": HTTP 403");
}

TEST(HttpsClientNoProxy, MatchingHostsGoDirectOthersUseTheProxy) {
  TestTlsServer server(test_certificates().localhost.cert_file, test_certificates().localhost.key_file);
  const std::uint16_t dead_proxy = testing::closed_port();  // nothing listens: use it and fail
  ClientOptions options;
  options.host = "localhost";
  options.port = server.port();
  options.ca_file = test_certificates().ca_file;
  options.connect_timeout = std::chrono::seconds(2);
  options.proxy = ProxyOptions{"127.0.0.1", dead_proxy, "", Secret()};

  for (const std::vector<std::string>& bypass :
       {std::vector<std::string>{"localhost"}, {".localhost"}, {"example.com", "*"}}) {
    options.no_proxy = bypass;
    HttpsClient client(options);
    EXPECT_EQ(client.send({"GET", "/echo", {}, {}}).status, 200);
  }

  options.no_proxy = {"example.com", "127.0.0.1"};
  HttpsClient proxied(options);
  try {
    proxied.send({"GET", "/echo", {}, {}});
    FAIL() << "no TransportError";
  } catch (const TransportError& error) {
    EXPECT_THAT(error.what(), StartsWith("connect to proxy 127.0.0.1:" + std::to_string(dead_proxy) + " failed"));
  }
  EXPECT_EQ(server.connections_accepted(), 3u);
}

}  // namespace
}  // namespace tcfeed::net
