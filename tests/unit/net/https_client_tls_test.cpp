// HttpsClient's certificate checks against a real TLS server: the right name, the wrong name,
// an unknown CA, an expired certificate; and SNI only for DNS names.
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lib/net/https_client.hpp"
#include "tests/unit/net/test_certificates.hpp"
#include "tests/unit/net/test_tls_server.hpp"

namespace tcfeed::net {
namespace {

using ::testing::HasSubstr;
using testing::KeyPair;
using ::testing::StartsWith;
using testing::test_certificates;
using testing::TestTlsServer;

ClientOptions options_for(const std::string& host, const TestTlsServer& server) {
  ClientOptions options;
  options.host = host;
  options.port = server.port();
  options.ca_file = test_certificates().ca_file;
  options.connect_timeout = std::chrono::seconds(2);
  options.io_timeout = std::chrono::seconds(2);
  return options;
}

std::string handshake_error(const ClientOptions& options) {
  HttpsClient client(options);
  try {
    client.send({"GET", "/echo", {}, {}});
  } catch (const TransportError& error) {
    return error.what();
  }
  return "<no TransportError>";
}

TestTlsServer server_with(const KeyPair& pair) { return {pair.cert_file, pair.key_file}; }

TEST(HttpsClientTls, MatchingDnsNameWorksAndSendsSni) {
  TestTlsServer server = server_with(test_certificates().localhost);
  HttpsClient client(options_for("localhost", server));
  const HttpResponse response = client.send({"GET", "/echo", {}, {}});
  EXPECT_EQ(response.status, 200);
  EXPECT_THAT(response.body, HasSubstr("host: localhost:" + std::to_string(server.port())));
  EXPECT_EQ(server.last_server_name(), "localhost");
}

TEST(HttpsClientTls, IpLiteralIsVerifiedWithoutSni) {
  TestTlsServer server = server_with(test_certificates().localhost);
  HttpsClient client(options_for("127.0.0.1", server));
  EXPECT_EQ(client.send({"GET", "/echo", {}, {}}).status, 200);
  EXPECT_EQ(server.last_server_name(), "");
}

TEST(HttpsClientTls, CertificateForAnotherNameIsRefusedForIpLiteral) {
  TestTlsServer server = server_with(test_certificates().wrong_host);
  const std::string origin = "127.0.0.1:" + std::to_string(server.port());
  EXPECT_EQ(handshake_error(options_for("127.0.0.1", server)),
            "TLS handshake with " + origin +
                " failed: certificate verify failed (host name mismatch: the certificate is not "
                "valid for 127.0.0.1)");
  EXPECT_EQ(server.connections_accepted(), 1u);
}

TEST(HttpsClientTls, CertificateForAnotherNameIsRefusedForDnsName) {
  TestTlsServer server = server_with(test_certificates().wrong_host);
  EXPECT_THAT(handshake_error(options_for("localhost", server)),
              HasSubstr("failed: certificate verify failed (host name mismatch: the certificate "
                        "is not valid for localhost)"));
}

TEST(HttpsClientTls, UnknownCaIsRefusedWithTheSystemStore) {
  TestTlsServer server = server_with(test_certificates().localhost);
  ClientOptions options = options_for("127.0.0.1", server);
  options.ca_file.clear();
  EXPECT_THAT(handshake_error(options), StartsWith("TLS handshake with 127.0.0.1:" + std::to_string(server.port()) +
                                                   " failed: certificate verify failed (unknown CA: "));
}

TEST(HttpsClientTls, ExpiredCertificateIsRefused) {
  TestTlsServer server = server_with(test_certificates().expired);
  EXPECT_THAT(handshake_error(options_for("127.0.0.1", server)),
              HasSubstr("failed: certificate verify failed (certificate has expired)"));
}

TEST(HttpsClientTls, UnreadableCaFileIsReportedAtConstruction) {
  ClientOptions options;
  options.host = "127.0.0.1";
  options.ca_file = "/nonexistent/ca.pem";
  try {
    HttpsClient client(options);
    FAIL() << "no TransportError";
  } catch (const TransportError& error) {
    EXPECT_THAT(error.what(), StartsWith("cannot load CA file /nonexistent/ca.pem: "));
  }
}

}  // namespace
}  // namespace tcfeed::net
