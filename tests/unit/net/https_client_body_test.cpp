// HttpsClient's response bodies against a real TLS server: gzip decoding and its bounds, streamed
// bodies and their limit, the overall deadline, the minimum rate and a stop from another thread.
#include <algorithm>
#include <chrono>
#include <optional>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lib/core/gzip.hpp"
#include "lib/net/https_client.hpp"
#include "tests/unit/net/test_certificates.hpp"
#include "tests/unit/net/test_payloads.hpp"
#include "tests/unit/net/test_tls_server.hpp"

namespace tcfeed::net {
namespace {

using ::testing::HasSubstr;
using testing::sample_text;
using testing::test_certificates;
using testing::TestTlsServer;

class HttpsClientBodyTest : public ::testing::Test {
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

  static HttpRequest get(std::string target) { return {"GET", std::move(target), {}, {}}; }

  // Sends with a body callback; returns the chunks it received.
  static std::vector<std::string> stream(HttpsClient& client, const std::string& target,
                                         HttpResponse* response = nullptr) {
    std::vector<std::string> chunks;
    HttpResponse result = client.send(get(target), [&](std::string_view chunk) { chunks.emplace_back(chunk); });
    if (response != nullptr) {
      *response = std::move(result);
    }
    return chunks;
  }

  static std::string error_of(const std::function<void()>& action) {
    try {
      action();
    } catch (const TransportError& error) {
      return error.what();
    }
    return "<no TransportError>";
  }

  static std::optional<TransportFailure> failure_of(const std::function<void()>& action) {
    try {
      action();
    } catch (const TransportError& error) {
      return error.failure();
    }
    return std::nullopt;
  }

  static std::string joined(const std::vector<std::string>& chunks) {
    std::string all;
    for (const std::string& chunk : chunks) {
      all += chunk;
    }
    return all;
  }

  std::string origin() const { return "127.0.0.1:" + std::to_string(server_.port()); }

  TestTlsServer server_{test_certificates().localhost.cert_file, test_certificates().localhost.key_file};
};

TEST_F(HttpsClientBodyTest, GzipResponseIsDecodedAndItsEncodingHeadersDropped) {
  HttpsClient client(options());
  EXPECT_THAT(client.send(get("/echo")).body, HasSubstr("accept-encoding: gzip\n"));
  const HttpResponse response = client.send(get("/gzip/300000"));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, sample_text(300000));
  EXPECT_FALSE(response.header("Content-Encoding").has_value());
  EXPECT_FALSE(response.header("Content-Length").has_value());
  EXPECT_EQ(*response.header("X-Test-Header"), "Yes");
  EXPECT_EQ(client.connections_opened(), 1u);
}

TEST_F(HttpsClientBodyTest, WithoutAcceptGzipTheBodyIsLeftAlone) {
  ClientOptions plain = options();
  plain.accept_gzip = false;
  HttpsClient client(plain);
  EXPECT_THAT(client.send(get("/echo")).body, HasSubstr("accept-encoding: -\n"));
  const HttpResponse response = client.send(get("/gzip/1000"));
  EXPECT_TRUE(looks_gzipped(response.body));
  EXPECT_EQ(*response.header("Content-Encoding"), "gzip");
}

TEST_F(HttpsClientBodyTest, GzipBombAndOversizedOrTruncatedGzipAreRefused) {
  HttpsClient client(options());
  EXPECT_EQ(error_of([&] { client.send(get("/gzip-zeros/8")); }),
            "gzip response body from " + origin() + ": decompresses more than 200:1 (a compression bomb?)");
  std::size_t streamed = 0;
  EXPECT_THAT(
      error_of([&] { client.send(get("/gzip-zeros/8"), [&](std::string_view chunk) { streamed += chunk.size(); }); }),
      HasSubstr("more than 200:1"));
  EXPECT_LE(streamed, (1u << 20) + 65536u);
  EXPECT_EQ(error_of([&] { client.send(get("/gzip-cut/100000")); }),
            "gzip response body from " + origin() + ": the gzip stream is truncated");

  ClientOptions capped = options();
  capped.max_body_bytes = 100000;
  HttpsClient small(capped);
  EXPECT_EQ(small.send(get("/gzip/100000")).body.size(), 100000u);
  EXPECT_EQ(error_of([&] { small.send(get("/gzip/100001")); }),
            "gzip response body from " + origin() + ": decompressed to more than 100000 bytes");
  EXPECT_EQ(small.send(get("/echo")).status, 200);  // a refused body leaves a usable client
}

TEST_F(HttpsClientBodyTest, StreamedBodyArrivesInChunksNeverWhole) {
  HttpsClient client(options());
  HttpResponse response;
  const std::vector<std::string> chunks = stream(client, "/big/5000000", &response);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(*response.header("Content-Length"), "5000000");
  EXPECT_TRUE(response.body.empty());
  EXPECT_GE(chunks.size(), 20u);
  std::size_t total = 0;
  std::size_t largest = 0;
  for (const std::string& chunk : chunks) {
    total += chunk.size();
    largest = std::max(largest, chunk.size());
    EXPECT_EQ(chunk.find_first_not_of('x'), std::string::npos);
  }
  EXPECT_EQ(total, 5000000u);
  EXPECT_LE(largest, 64u * 1024);

  const std::vector<std::string> decoded = stream(client, "/gzip/3000000");
  EXPECT_GE(decoded.size(), 3u);
  EXPECT_EQ(joined(decoded), sample_text(3000000));
  EXPECT_EQ(client.connections_opened(), 1u);
}

TEST_F(HttpsClientBodyTest, StreamedBodyStillHasTheLimit) {
  ClientOptions limited = options();
  limited.max_body_bytes = 1000000;
  HttpsClient client(limited);
  std::size_t delivered = 0;
  const auto count = [&](std::string_view chunk) { delivered += chunk.size(); };
  EXPECT_EQ(error_of([&] { client.send(get("/chunked/5000000"), count); }),
            "response body from " + origin() + " larger than 1000000 bytes");
  EXPECT_LE(delivered, 1000000u);
  EXPECT_EQ(error_of([&] { client.send(get("/big/1000001"), count); }),
            "response body from " + origin() + " larger than 1000000 bytes");
}

TEST_F(HttpsClientBodyTest, CallbackThatThrowsAbortsAndTheConnectionIsNotReused) {
  HttpsClient client(options());
  std::size_t calls = 0;
  EXPECT_THROW(client.send(get("/big/2000000"),
                           [&](std::string_view) {
                             if (++calls == 2) {
                               throw std::runtime_error("consumer gave up");
                             }
                           }),
               std::runtime_error);
  EXPECT_EQ(calls, 2u);
  EXPECT_EQ(client.send(get("/echo")).status, 200);
  EXPECT_EQ(client.connections_opened(), 2u);
}

TEST_F(HttpsClientBodyTest, DeadlineStopsAServerThatTricklesWithinTheReadTimeout) {
  ClientOptions bounded = options();
  bounded.io_timeout = std::chrono::milliseconds(1000);
  bounded.request_deadline = std::chrono::milliseconds(400);
  HttpsClient client(bounded);
  const auto start = std::chrono::steady_clock::now();
  std::size_t streamed = 0;
  const std::string message =
      error_of([&] { client.send(get("/drip/40/50"), [&](std::string_view c) { streamed += c.size(); }); });
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(message, "HTTPS exchange with " + origin() + " exceeded its deadline of 0.4s (read response body)");
  EXPECT_EQ(failure_of([&] { client.send(get("/drip/40/50")); }), TransportFailure::Deadline);
  EXPECT_GE(streamed, 2u);  // bytes were flowing: no single read timed out
  EXPECT_GE(elapsed, std::chrono::milliseconds(380));
  EXPECT_LT(elapsed, std::chrono::milliseconds(900));

  ClientOptions roomy = options();
  roomy.request_deadline = std::chrono::seconds(2);
  HttpsClient patient(roomy);
  EXPECT_EQ(patient.send(get("/drip/5/20")).body, "ddddd");
}

TEST_F(HttpsClientBodyTest, MinimumRateStopsATrickleLongBeforeTheDeadline) {
  ClientOptions bounded = options();
  bounded.request_deadline = std::chrono::seconds(20);
  bounded.min_rate_bytes = 100;  // 30 bytes per 300 ms window; the drip brings 6
  bounded.min_rate_window = std::chrono::milliseconds(300);
  HttpsClient client(bounded);
  const auto start = std::chrono::steady_clock::now();
  std::size_t streamed = 0;
  try {
    client.send(get("/drip/200/50"), [&](std::string_view c) { streamed += c.size(); });
    ADD_FAILURE() << "the trickle was accepted";
  } catch (const TransportError& error) {
    EXPECT_EQ(error.failure(), TransportFailure::TooSlow);
    EXPECT_STREQ(error.what(), ("response body from " + origin() + " came slower than 100 bytes/s over 0.3s").c_str());
  }
  EXPECT_GE(streamed, 2u);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5)) << "the drip lasts 10 s";
}

TEST_F(HttpsClientBodyTest, MinimumRateCatchesABodyThatStopsBeforeAnyReadTimesOut) {
  ClientOptions bounded = options();
  bounded.io_timeout = std::chrono::seconds(10);
  bounded.min_rate_bytes = 1;
  bounded.min_rate_window = std::chrono::milliseconds(300);
  HttpsClient client(bounded);
  const auto start = std::chrono::steady_clock::now();
  // One byte every 5 s: the first window gets none after the header.
  EXPECT_EQ(failure_of([&] { client.send(get("/drip/3/5000")); }), TransportFailure::TooSlow);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
}

TEST_F(HttpsClientBodyTest, MinimumRateLetsABodyThatKeepsItThrough) {
  ClientOptions bounded = options();
  bounded.min_rate_bytes = 5;  // 1 byte per 200 ms window; the drip brings about 10
  bounded.min_rate_window = std::chrono::milliseconds(200);
  HttpsClient client(bounded);
  EXPECT_EQ(client.send(get("/drip/40/20")).body, std::string(40, 'd'));
  EXPECT_EQ(client.send(get("/big/300000")).body.size(), 300000u);  // and a fast one, after it
}

TEST_F(HttpsClientBodyTest, AStopFromAnotherThreadEndsTheExchangeAtOnce) {
  std::stop_source stop;
  ClientOptions stoppable = options();
  stoppable.request_deadline = std::chrono::seconds(30);
  stoppable.stop = stop.get_token();
  HttpsClient client(stoppable);
  std::jthread stopper([&stop] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    stop.request_stop();
  });
  const auto start = std::chrono::steady_clock::now();
  std::size_t streamed = 0;
  EXPECT_EQ(failure_of([&] { client.send(get("/drip/200/50"), [&](std::string_view c) { streamed += c.size(); }); }),
            TransportFailure::Stopped);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_GE(streamed, 1u);
  EXPECT_LT(elapsed, std::chrono::seconds(2)) << "the drip lasts 10 s";
  // Stopped for good: the next exchange does not start.
  EXPECT_EQ(error_of([&] { client.send(get("/echo")); }), "HTTPS exchange with " + origin() + " stopped");
}

TEST(HttpsClientStop, EndsAHandshakeThatNeverAnswers) {
  testing::SilentListener silent;
  std::stop_source stop;
  ClientOptions options;
  options.host = "127.0.0.1";
  options.port = silent.port();
  options.ca_file = test_certificates().ca_file;
  options.connect_timeout = std::chrono::seconds(30);
  options.stop = stop.get_token();
  HttpsClient client(options);
  std::jthread stopper([&stop] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    stop.request_stop();
  });
  const auto start = std::chrono::steady_clock::now();
  try {
    client.send({"GET", "/", {}, {}});
    ADD_FAILURE() << "the handshake cannot succeed";
  } catch (const TransportError& error) {
    EXPECT_EQ(error.failure(), TransportFailure::Stopped) << error.what();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
}

}  // namespace
}  // namespace tcfeed::net
