// HttpServer over TLS (set_tls) and the certificate and key it loads (load_server_tls), against
// the real client and a raw socket: the same answers and keep-alive as plain, no answer to plain
// HTTP, a replaced certificate for the connections that follow, and every refusal of a pair
// naming the file and never the key.
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lib/net/http_server.hpp"
#include "lib/net/https_client.hpp"
#include "lib/net/server_tls.hpp"
#include "tests/unit/net/raw_http_client.hpp"
#include "tests/unit/net/test_certificates.hpp"

namespace tcfeed::net {
namespace {

using ::testing::HasSubstr;
using testing::KeyPair;
using ::testing::Not;
using testing::test_certificates;

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::shared_ptr<ServerTls> tls_of(const KeyPair& pair) {
  return load_server_tls(pair.cert_file, read_file(pair.key_file));
}

std::unique_ptr<HttpServer> tls_server(const KeyPair& pair) {
  auto server = std::make_unique<HttpServer>("127.0.0.1:0", [](std::string_view method, std::string_view target) {
    return HttpReply{200, "text/plain", std::string(method) + " " + std::string(target), {}};
  });
  server->set_tls(tls_of(pair));
  server->start();
  return server;
}

ClientOptions client_for(const HttpServer& server) {
  ClientOptions options;
  options.host = "127.0.0.1";
  options.port = server.port();
  options.ca_file = test_certificates().ca_file;
  options.connect_timeout = std::chrono::seconds(5);
  options.io_timeout = std::chrono::seconds(5);
  return options;
}

// The ServerTlsError of a pair that should not load.
ServerTlsError refusal(const std::string& cert_file, const std::string& key_pem) {
  try {
    load_server_tls(cert_file, key_pem);
  } catch (const ServerTlsError& error) {
    return error;
  }
  ADD_FAILURE() << "loaded " << cert_file;
  return ServerTlsError("", false);
}

TEST(HttpServerTls, AnswersOverTlsAndKeepsTheConnection) {
  const auto server = tls_server(test_certificates().localhost);
  HttpsClient client(client_for(*server));
  const HttpResponse first = client.send({"GET", "/exports/ips", {}, {}});
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.body, "GET /exports/ips");
  EXPECT_EQ(client.send({"GET", "/again", {}, {}}).body, "GET /again");
  EXPECT_EQ(client.connections_opened(), 1u);
}

TEST(HttpServerTls, PlainHttpGetsNoAnswer) {
  const auto server = tls_server(test_certificates().localhost);
  testing::RawConnection raw("127.0.0.1", server->port());
  raw.send("GET /exports/ips HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_THAT(raw.read_to_eof(), Not(HasSubstr("HTTP/1.1")));
  // The server goes on serving TLS clients.
  HttpsClient client(client_for(*server));
  EXPECT_EQ(client.send({"GET", "/", {}, {}}).status, 200);
}

TEST(HttpServerTls, AReplacedCertificateServesTheConnectionsThatFollow) {
  const auto server = tls_server(test_certificates().localhost);
  HttpsClient before(client_for(*server));
  EXPECT_EQ(before.send({"GET", "/", {}, {}}).status, 200);
  server->set_tls(tls_of(test_certificates().wrong_host));
  HttpsClient after(client_for(*server));
  try {
    after.send({"GET", "/", {}, {}});
    ADD_FAILURE() << "the replaced certificate (for 127.0.0.1) was still served";
  } catch (const TransportError& error) {
    EXPECT_THAT(error.what(), HasSubstr("mismatch"));
  }
}

TEST(HttpServerTls, AServerStartedPlainStaysPlain) {
  HttpServer server("127.0.0.1:0", [](std::string_view, std::string_view) { return HttpReply{}; });
  server.start();
  EXPECT_THROW(server.set_tls(tls_of(test_certificates().localhost)), std::logic_error);
}

TEST(ServerTls, RefusesWhatItCannotUseNamingTheFileNeverTheKey) {
  const auto& certs = test_certificates();
  const std::string key = read_file(certs.localhost.key_file);
  const std::string other_key = read_file(certs.wrong_host.key_file);
  // A line of the key's base64, to be found in no message.
  const std::string key_line = key.substr(key.find('\n') + 1, 40);

  const auto missing = refusal("/nonexistent/exports.pem", key);
  EXPECT_FALSE(missing.in_key());
  EXPECT_STREQ(missing.what(), "no such file: /nonexistent/exports.pem");

  const auto not_a_chain = refusal(certs.localhost.key_file, key);
  EXPECT_FALSE(not_a_chain.in_key());
  EXPECT_THAT(not_a_chain.what(), HasSubstr(certs.localhost.key_file + " is not a PEM certificate chain"));

  const auto mismatch = refusal(certs.localhost.cert_file, other_key);
  EXPECT_TRUE(mismatch.in_key());
  EXPECT_EQ(std::string(mismatch.what()), "the key does not match the certificate in " + certs.localhost.cert_file);

  const auto not_a_key = refusal(certs.localhost.cert_file, "not a key at all");
  EXPECT_TRUE(not_a_key.in_key());
  EXPECT_THAT(not_a_key.what(), HasSubstr("the key is not an unencrypted PEM private key"));

  const auto truncated = refusal(certs.localhost.cert_file, key.substr(0, key.size() / 2));
  EXPECT_TRUE(truncated.in_key());
  for (const auto* error : {&missing, &not_a_chain, &mismatch, &not_a_key, &truncated}) {
    EXPECT_THAT(error->what(), Not(HasSubstr(key_line)));
  }
  EXPECT_NO_THROW(load_server_tls(certs.localhost.cert_file, key));
}

}  // namespace
}  // namespace tcfeed::net
