// HttpsClient against a real TLS server on loopback: requests, framing, reuse, limits, timeouts.
#include "lib/net/https_client.hpp"

#include <chrono>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/net/test_certificates.hpp"
#include "tests/unit/net/test_tls_server.hpp"

namespace tcfeed::net {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using testing::test_certificates;
using testing::TestTlsServer;

class HttpsClientTest : public ::testing::Test {
 protected:
  ClientOptions options() const {
    ClientOptions result;
    result.host = "127.0.0.1";
    result.port = server_.port();
    result.ca_file = test_certificates().ca_file;
    result.connect_timeout = std::chrono::seconds(2);
    result.io_timeout = std::chrono::seconds(2);
    return result;
  }

  static HttpRequest get(std::string target) {
    HttpRequest request;
    request.target = std::move(target);
    return request;
  }

  // The TransportError's message, or a marker when none was thrown.
  static std::string error_of(HttpsClient& client, const HttpRequest& request) {
    try {
      client.send(request);
    } catch (const TransportError& error) {
      return error.what();
    }
    return "<no TransportError>";
  }

  std::string origin() const { return "127.0.0.1:" + std::to_string(server_.port()); }

  TestTlsServer server_{test_certificates().localhost.cert_file, test_certificates().localhost.key_file};
};

TEST_F(HttpsClientTest, GetReturnsStatusHeadersAndBody) {
  HttpsClient client(options());
  const HttpResponse response = client.send(get("/echo"));
  EXPECT_EQ(response.status, 200);
  ASSERT_TRUE(response.header("x-test-header").has_value());
  EXPECT_EQ(*response.header("x-test-header"), "Yes");
  EXPECT_THAT(response.body, StartsWith("GET /echo\n"));
  EXPECT_THAT(response.body, HasSubstr("host: " + origin() + "\n"));
  EXPECT_THAT(response.body, HasSubstr("user-agent: tcfeed/" TCFEED_VERSION "\n"));
  EXPECT_EQ(client.send(get("/nowhere")).status, 404);
}

TEST_F(HttpsClientTest, TargetIsSentByteForByte) {
  HttpsClient client(options());
  const std::string target = "/echo/a%20b+c?tql=x%20y+z&plus=%2B&sp=+%2f";
  EXPECT_THAT(client.send(get(target)).body, StartsWith("GET " + target + "\n"));
}

TEST_F(HttpsClientTest, PostCarriesBodyLengthAndCallerHeaders) {
  HttpsClient client(options());
  HttpRequest request = get("/echo");
  request.method = "POST";
  request.body = "{\"a\":1}";
  request.headers = {{"X-Custom", "given as is"}, {"Content-Length", "999"}};
  const HttpResponse response = client.send(request);
  EXPECT_THAT(response.body, StartsWith("POST /echo\n"));
  EXPECT_THAT(response.body, HasSubstr("content-length: 7\n"));
  EXPECT_THAT(response.body, HasSubstr("x-custom: given as is\n"));
  EXPECT_THAT(response.body, HasSubstr("\n\n{\"a\":1}"));
}

TEST_F(HttpsClientTest, SequentialRequestsShareOneConnection) {
  HttpsClient client(options());
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(client.send(get("/echo/" + std::to_string(i))).status, 200);
  }
  EXPECT_EQ(client.connections_opened(), 1u);
  EXPECT_EQ(server_.connections_accepted(), 1u);
}

TEST_F(HttpsClientTest, ConnectionCloseAnswerIsNotReused) {
  HttpsClient client(options());
  EXPECT_EQ(client.send(get("/close")).body, "bye");
  EXPECT_EQ(client.send(get("/echo")).status, 200);
  EXPECT_EQ(client.connections_opened(), 2u);
  EXPECT_EQ(server_.connections_accepted(), 2u);
}

TEST_F(HttpsClientTest, KeptConnectionClosedByServerIsReopenedOnce) {
  HttpsClient client(options());
  EXPECT_EQ(client.send(get("/drop-after")).status, 200);
  const HttpResponse response = client.send(get("/echo/again"));
  EXPECT_THAT(response.body, StartsWith("GET /echo/again\n"));
  EXPECT_EQ(client.connections_opened(), 2u);
  EXPECT_EQ(server_.connections_accepted(), 2u);
}

TEST_F(HttpsClientTest, FreshConnectionCutIsAnErrorAndRetriedNoMoreThanOnce) {
  HttpsClient client(options());
  HttpRequest drop = get("/drop?auth-key=query-secret");
  drop.headers = {{"Authorization", "TC header-secret"}};
  const std::string fresh = error_of(client, drop);
  EXPECT_THAT(fresh, HasSubstr(origin()));
  EXPECT_EQ(client.connections_opened(), 1u);

  EXPECT_EQ(client.send(get("/echo")).status, 200);
  const std::string reused = error_of(client, drop);  // stale-looking, so one reconnect, no more
  EXPECT_THAT(reused, HasSubstr("reading the response from " + origin() + " failed"));
  EXPECT_EQ(client.connections_opened(), 3u);
  for (const std::string& message : {fresh, reused}) {
    EXPECT_THAT(message, Not(HasSubstr("secret")));
    EXPECT_THAT(message, Not(HasSubstr("auth-key")));
  }
}

TEST_F(HttpsClientTest, ChunkedAndEndOfStreamBodiesArrive) {
  HttpsClient client(options());
  EXPECT_EQ(client.send(get("/chunked/100000")).body, std::string(100000, 'c'));
  EXPECT_EQ(client.send(get("/eof-body")).body, "until the end of the stream");
  EXPECT_EQ(client.send(get("/big/70000")).body.size(), 70000u);
  EXPECT_EQ(client.connections_opened(), 2u);  // the end-of-stream body used its connection up
}

TEST_F(HttpsClientTest, BodyOverTheLimitIsRefused) {
  ClientOptions limited = options();
  limited.max_body_bytes = 1000;
  HttpsClient client(limited);
  EXPECT_EQ(client.send(get("/big/1000")).body.size(), 1000u);
  const std::string expected = "response body from " + origin() + " larger than 1000 bytes";
  EXPECT_EQ(error_of(client, get("/big/1001")), expected);
  EXPECT_EQ(error_of(client, get("/chunked/5000")), expected);
}

TEST_F(HttpsClientTest, SlowAnswerHitsTheReadTimeout) {
  ClientOptions quick = options();
  quick.io_timeout = std::chrono::milliseconds(300);
  HttpsClient client(quick);
  const auto start = std::chrono::steady_clock::now();
  const std::string message = error_of(client, get("/slow/1500?auth-key=query-secret"));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(message, "HTTPS exchange with " + origin() + " timed out after 0.3s (read response header)");
  EXPECT_LT(elapsed, std::chrono::milliseconds(1200));
  EXPECT_EQ(client.send(get("/echo")).status, 200);  // a timed-out connection is not reused
  EXPECT_EQ(client.connections_opened(), 2u);
}

TEST(HttpsClientConnect, HandshakeThatNeverAnswersTimesOut) {
  testing::SilentListener listener;
  ClientOptions options;
  options.host = "127.0.0.1";
  options.port = listener.port();
  options.ca_file = test_certificates().ca_file;
  options.connect_timeout = std::chrono::milliseconds(300);
  HttpsClient client(options);
  EXPECT_THROW(
      {
        try {
          client.send({"GET", "/", {}, {}});
        } catch (const TransportError& error) {
          EXPECT_EQ(std::string(error.what()), "HTTPS exchange with 127.0.0.1:" + std::to_string(listener.port()) +
                                                   " timed out after 0.3s (TLS handshake)");
          throw;
        }
      },
      TransportError);
}

TEST(HttpsClientConnect, RefusedConnectionNamesTheOrigin) {
  ClientOptions options;
  options.host = "127.0.0.1";
  options.port = testing::closed_port();
  HttpsClient client(options);
  try {
    client.send({"GET", "/", {}, {}});
    FAIL() << "no TransportError";
  } catch (const TransportError& error) {
    EXPECT_THAT(error.what(), StartsWith("connect to 127.0.0.1:" + std::to_string(options.port) + " failed: "));
  }
  EXPECT_EQ(client.connections_opened(), 0u);
}

}  // namespace
}  // namespace tcfeed::net
