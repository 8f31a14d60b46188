// HttpServer over real loopback sockets, driven byte for byte by a raw client: replies, HEAD,
// keep-alive, the refusals (method, body, header size, malformed), the read timeout, the
// connection cap, handler failures, bind errors and a prompt stop.
#include "lib/net/http_server.hpp"

#include <atomic>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/net/raw_http_client.hpp"

namespace tcfeed::net {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::RawConnection;
using Clock = std::chrono::steady_clock;

constexpr std::string_view kGetRoot = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";

class HttpServerTest : public ::testing::Test {
 protected:
  // Echoes what the handler saw; /throw and /bad-status misbehave on purpose.
  void start(HttpServerLimits limits = {}, std::string listen = "127.0.0.1:0", HttpServer::Handler post = {}) {
    server_ = std::make_unique<HttpServer>(
        std::move(listen),
        [this](std::string_view method, std::string_view target) -> HttpReply {
          ++calls_;
          if (target == "/throw") throw std::runtime_error("secret path /etc/tcfeed/key");
          if (target == "/bad-status") return HttpReply{42, "text/plain", "?", {}};
          if (target == "/large") return HttpReply{200, "text/plain", std::string(64u << 20, 'x'), {}};
          return HttpReply{
              target == "/teapot" ? 418 : 200, "text/x-test", std::string(method) + " " + std::string(target), {}};
        },
        limits);
    if (post) server_->set_post_handler(std::move(post));
    server_->start();
  }

  RawConnection connect() { return RawConnection("127.0.0.1", server_->port()); }

  std::unique_ptr<HttpServer> server_;
  std::atomic<int> calls_{0};
};

TEST_F(HttpServerTest, AnswersWithTheHandlersStatusTypeAndBody) {
  start();
  ASSERT_NE(server_->port(), 0);
  RawConnection client = connect();
  client.send("GET /status?x=%20y HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->headers.at("content-type"), "text/x-test");
  EXPECT_EQ(response->headers.at("cache-control"), "no-store");
  EXPECT_EQ(response->body, "GET /status?x=%20y");
  client.send("GET /teapot HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(client.read_response()->status, 418);
}

TEST_F(HttpServerTest, HeadAnnouncesTheLengthAndSendsNoBody) {
  start();
  RawConnection client = connect();
  client.send("HEAD /page HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto head = client.read_response(true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->headers.at("content-length"), std::to_string(std::string("HEAD /page").size()));
  // A body sent after the HEAD answer would be read here as the start of the next response.
  client.send(kGetRoot);
  EXPECT_EQ(client.read_response()->body, "GET /");
}

TEST_F(HttpServerTest, KeepsTheConnectionAliveAndAnswersPipelinedRequestsInOrder) {
  start();
  RawConnection client = connect();
  client.send("GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(client.read_response()->body, "GET /1");
  EXPECT_EQ(client.read_response()->body, "GET /2");
  client.send("GET /3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const auto last = client.read_response();
  EXPECT_EQ(last->body, "GET /3");
  EXPECT_EQ(last->headers.at("connection"), "close");
  EXPECT_EQ(client.read_to_eof(), "");
}

TEST_F(HttpServerTest, Http10ClosesAfterTheResponse) {
  start();
  RawConnection client = connect();
  client.send("GET /old HTTP/1.0\r\n\r\n");
  EXPECT_THAT(client.read_to_eof(), HasSubstr("\r\n\r\nGET /old"));
}

TEST_F(HttpServerTest, OtherMethodsGet405WithoutReachingTheHandler) {
  start();
  RawConnection client = connect();
  client.send("DELETE /x HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto refused = client.read_response();
  EXPECT_EQ(refused->status, 405);
  EXPECT_EQ(refused->headers.at("allow"), "GET, HEAD");
  client.send(kGetRoot);  // no body came with it, so the connection goes on
  EXPECT_EQ(client.read_response()->status, 200);
  EXPECT_EQ(calls_, 1);

  RawConnection with_body = connect();
  with_body.send("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nabcd");
  EXPECT_EQ(with_body.read_response()->status, 405);
  EXPECT_EQ(with_body.read_to_eof(), "");  // the unread body makes the stream unframeable
}

TEST_F(HttpServerTest, APostHandlerServesBodilessPostsFromLoopbackButNoBrowsersCrossOriginOne) {
  std::atomic<int> posts{0};
  start({}, "127.0.0.1:0", [&](std::string_view method, std::string_view target) {
    ++posts;
    return HttpReply{202, "text/plain", std::string(method) + " " + std::string(target), {}};
  });
  RawConnection client = connect();
  client.send("POST /poll/x HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
  const auto accepted = client.read_response();
  EXPECT_EQ(accepted->status, 202);
  EXPECT_EQ(accepted->body, "POST /poll/x");
  client.send("POST /poll/x HTTP/1.1\r\nHost: x\r\nOrigin: http://evil.example\r\n\r\n");
  EXPECT_EQ(client.read_response()->status, 403);
  client.send("DELETE /x HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto refused = client.read_response();
  EXPECT_EQ(refused->status, 405);
  EXPECT_EQ(refused->headers.at("allow"), "GET, HEAD, POST");
  RawConnection with_body = connect();
  with_body.send("POST /poll/x HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nabcd");
  EXPECT_EQ(with_body.read_response()->status, 413);
  EXPECT_EQ(posts, 1);
  EXPECT_EQ(calls_, 0);  // the GET handler never saw a POST
}

TEST_F(HttpServerTest, RequestBodiesAreRefusedAndTheConnectionClosed) {
  start();
  RawConnection sized = connect();
  sized.send("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
  EXPECT_EQ(sized.read_response()->status, 413);
  EXPECT_EQ(sized.read_to_eof(), "");
  RawConnection chunked = connect();
  chunked.send("GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
  EXPECT_EQ(chunked.read_response()->status, 413);
  EXPECT_EQ(calls_, 0);
}

TEST_F(HttpServerTest, OversizedHeaderGets431) {
  HttpServerLimits limits;
  limits.max_header_bytes = 1024;
  start(limits);
  RawConnection client = connect();
  client.send("GET / HTTP/1.1\r\nHost: x\r\nX-Filler: " + std::string(2000, 'a') + "\r\n\r\n");
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 431);
  EXPECT_EQ(calls_, 0);
}

TEST_F(HttpServerTest, MalformedRequestGets400) {
  start();
  RawConnection client = connect();
  client.send("GET / HTTP/1.1\r\nNo colon in this header\r\n\r\n");
  EXPECT_EQ(client.read_response()->status, 400);
  RawConnection garbage = connect();
  garbage.send("\x16\x03\x01 a TLS hello on a plain port\r\n\r\n");
  EXPECT_EQ(garbage.read_response()->status, 400);
  EXPECT_EQ(calls_, 0);
}

TEST_F(HttpServerTest, HandlerFailureIs500WithoutItsMessage) {
  start();
  RawConnection client = connect();
  client.send("GET /throw HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto response = client.read_response();
  EXPECT_EQ(response->status, 500);
  EXPECT_THAT(response->body, Not(HasSubstr("secret")));
  client.send("GET /bad-status HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(client.read_response()->status, 500);
  client.send(kGetRoot);  // the server goes on
  EXPECT_EQ(client.read_response()->status, 200);
}

TEST_F(HttpServerTest, SilentOrSlowClientIsDroppedAfterTheReadTimeout) {
  HttpServerLimits limits;
  limits.read_timeout = std::chrono::milliseconds(300);
  start(limits);
  RawConnection silent = connect();
  RawConnection partial = connect();
  partial.send("GET / HTTP/1.1\r\nHost: x\r\n");  // never finishes its header
  const auto begin = Clock::now();
  EXPECT_EQ(silent.read_to_eof(), "");
  EXPECT_EQ(partial.read_to_eof(), "");
  const auto waited = Clock::now() - begin;
  EXPECT_GE(waited, std::chrono::milliseconds(200));
  EXPECT_LT(waited, std::chrono::seconds(5));
  EXPECT_EQ(calls_, 0);
}

TEST_F(HttpServerTest, AtTheCapANewConnectionTakesTheSlotOfTheLongestIdle) {
  HttpServerLimits limits;
  limits.max_connections = 2;
  limits.read_timeout = std::chrono::seconds(30);  // no timeout frees a slot during the test
  start(limits);
  RawConnection first = connect();
  first.send(kGetRoot);  // answered, then idle on keep-alive: the longest idle
  ASSERT_EQ(first.read_response()->status, 200);
  RawConnection second = connect();
  second.send("GET / HTTP/1.1\r\n");  // half a header
  RawConnection third = connect();
  third.send(kGetRoot);
  const auto answer = third.read_response();
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 200);
  EXPECT_EQ(first.read_to_eof(), "") << "the idle connection was closed for the new one";
  // The half-sent one is the idlest now: the next newcomer takes its slot.
  RawConnection fourth = connect();
  fourth.send(kGetRoot);
  EXPECT_EQ(fourth.read_response()->status, 200);
  EXPECT_EQ(second.read_to_eof(), "");
}

TEST_F(HttpServerTest, ConnectionsOverTheCapGet503OnlyWhenEveryOneIsBeingAnswered) {
  HttpServerLimits limits;
  limits.max_connections = 2;
  start(limits);
  // Two clients that ask for a large answer and do not read it: both are busy being answered.
  RawConnection first = connect();
  RawConnection second = connect();
  first.send("GET /large HTTP/1.1\r\nHost: x\r\n\r\n");
  second.send("GET /large HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto begin = Clock::now();
  while (calls_ < 2 && Clock::now() - begin < std::chrono::seconds(5)) std::this_thread::yield();
  ASSERT_EQ(calls_, 2);
  RawConnection third = connect();
  EXPECT_THAT(third.read_to_eof(), HasSubstr("503 Service Unavailable"));
}

TEST_F(HttpServerTest, HundredsOfSilentConnectionsDoNotLockOutAHealthCheck) {
  HttpServerLimits limits;
  limits.read_timeout = std::chrono::seconds(30);  // no timeout comes to the rescue
  start(limits);
  std::vector<std::unique_ptr<RawConnection>> flood;
  for (int i = 0; i < 300; ++i) {
    flood.push_back(std::make_unique<RawConnection>("127.0.0.1", server_->port()));
    if (i % 3 == 0) flood.back()->send("GET /livez HTTP/1.1\r\nHost:");  // half a request
  }
  const auto begin = Clock::now();
  RawConnection probe = connect();
  probe.send("GET /livez HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto answer = probe.read_response();
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 200);
  EXPECT_LT(Clock::now() - begin, std::chrono::seconds(2));
}

TEST_F(HttpServerTest, StopIsPromptWithIdleClientsConnected) {
  HttpServerLimits limits;
  limits.read_timeout = std::chrono::seconds(60);
  start(limits);
  RawConnection idle = connect();
  RawConnection kept = connect();
  kept.send(kGetRoot);
  ASSERT_EQ(kept.read_response()->status, 200);
  const auto begin = Clock::now();
  server_->stop();
  EXPECT_LT(Clock::now() - begin, std::chrono::seconds(2));
  EXPECT_EQ(idle.read_to_eof(), "");
  EXPECT_EQ(kept.read_to_eof(), "");
  server_->stop();  // again: nothing left to do
  EXPECT_THROW(RawConnection("127.0.0.1", server_->port()), std::runtime_error);
}

TEST_F(HttpServerTest, StartSaysWhenTheAddressIsInUse) {
  start();
  const std::string listen = "127.0.0.1:" + std::to_string(server_->port());
  HttpServer second(listen, [](std::string_view, std::string_view) { return HttpReply{}; });
  try {
    second.start();
    FAIL() << "bound a port already in use";
  } catch (const std::runtime_error& error) {
    EXPECT_EQ(std::string(error.what()), "http.listen " + listen + ": address already in use");
  }
}

TEST_F(HttpServerTest, ServesOnIpv6Loopback) {
  try {
    start({}, "[::1]:0");
  } catch (const std::runtime_error& error) {
    GTEST_SKIP() << "no IPv6 loopback here: " << error.what();
  }
  RawConnection client("::1", server_->port());
  client.send(kGetRoot);
  EXPECT_EQ(client.read_response()->body, "GET /");
}

TEST(ListenAddress, ReadsIpLiteralsAndPorts) {
  EXPECT_EQ(parse_listen_address("127.0.0.1:9464").host, "127.0.0.1");
  EXPECT_EQ(parse_listen_address("127.0.0.1:9464").port, 9464);
  EXPECT_EQ(parse_listen_address("[::1]:0").host, "::1");
  EXPECT_EQ(parse_listen_address("0.0.0.0:65535").port, 65535);
  for (const char* bad : {"localhost:9464", "127.0.0.1", "127.0.0.1:", ":9464", "127.0.0.1:65536", "127.0.0.1:94a",
                          "::1:9464", "[::1]9464", "[::1", "[127.0.0.1]:80", ""}) {
    EXPECT_THROW(parse_listen_address(bad), std::invalid_argument) << bad;
  }
  try {
    HttpServer server("localhost:9464", [](std::string_view, std::string_view) { return HttpReply{}; });
    FAIL() << "accepted a host name";
  } catch (const std::invalid_argument& error) {
    EXPECT_THAT(error.what(), HasSubstr("http.listen: expected an IP address and a port"));
    EXPECT_THAT(error.what(), HasSubstr("'localhost:9464'"));
  }
}

}  // namespace
}  // namespace tcfeed::net
