// One request and its response on an open connection: the body read piece by piece into a fixed
// buffer, decoded when gzip, and handed on, so a streamed body is never held whole.
#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "lib/net/gzip_decoder.hpp"
#include "lib/net/https_client_impl.hpp"

namespace tcfeed::net {
namespace {

using namespace detail;  // NOLINT(google-build-using-namespace): this file implements detail

constexpr std::size_t kChunkBytes = 64 * 1024;

// How a kept connection the server closed while idle shows up on the next write or first read.
bool is_stale_connection(const beast::error_code& ec) {
  return ec == http::error::end_of_stream || ec == asio::error::eof || ec == asio::error::connection_reset ||
         ec == asio::error::broken_pipe || ec == asio::error::connection_aborted || ec == ssl::error::stream_truncated;
}

bool is_gzip(std::string_view coding) {
  const auto first = coding.find_first_not_of(" \t");
  coding = first == std::string_view::npos ? std::string_view() : coding.substr(first);
  coding = coding.substr(0, coding.find_last_not_of(" \t") + 1);
  return beast::iequals(coding, "gzip") || beast::iequals(coding, "x-gzip");
}

}  // namespace

// Empty only when `reused` and the server had closed the connection before sending any byte of
// a response: then nothing was processed and sending again is safe.
awaitable<std::optional<HttpResponse>> HttpsClient::Impl::round_trip(Request& request, bool reused,
                                                                     const BodySink* on_body) {
  beast::tcp_stream& tcp_layer = beast::get_lowest_layer(*stream);
  tcp_layer.expires_at(expiry(Step::kWrite));
  auto [write_ec, written] = co_await http::async_write(*stream, request, kAsTuple);
  if (write_ec) {
    if (reused && is_stale_connection(write_ec)) {
      close();
      co_return std::nullopt;
    }
    fail(Step::kWrite, write_ec);
  }

  http::response_parser<http::buffer_body> parser;
  parser.header_limit(kHeaderLimit);
  parser.body_limit(options.max_body_bytes);  // before decoding; the decoder caps the output
  parser.skip(request.method() == http::verb::head);
  tcp_layer.expires_at(expiry(Step::kReadHeader));
  auto [header_ec, header_bytes] = co_await http::async_read_header(*stream, buffer, parser, kAsTuple);
  if (header_ec) {
    if (reused && is_stale_connection(header_ec) && !parser.got_some() && buffer.size() == 0) {
      close();
      co_return std::nullopt;
    }
    fail(Step::kReadHeader, header_ec);
  }

  const auto& head = parser.get();
  const auto coding = head.find(http::field::content_encoding);
  const bool gzip = options.accept_gzip && coding != head.end() && is_gzip(coding->value());
  HttpResponse response;
  response.status = static_cast<int>(head.result_int());
  for (const auto& field : head) {
    // A decoded body is neither encoded nor of the length the server announced.
    const bool stale = field.name() == http::field::content_encoding || field.name() == http::field::content_length;
    if (!(gzip && stale)) {
      response.headers.push_back({std::string(field.name_string()), std::string(field.value())});
    }
  }

  const BodySink keep = [&response](std::string_view piece) { response.body.append(piece); };
  const BodySink& deliver = on_body ? *on_body : keep;
  std::optional<GzipDecoder> decoder;
  if (gzip) {
    decoder.emplace(options.max_body_bytes);
  }
  auto decode = [&](auto&& step) {
    try {
      step();
    } catch (const GzipTooLarge& error) {
      close();
      throw TransportError(fmt::format("gzip response body from {}: {}", origin, error.what()), true,
                           TransportFailure::TooLarge);
    } catch (const GzipError& error) {
      close();
      throw TransportError(fmt::format("gzip response body from {}: {}", origin, error.what()));
    }
  };
  // The timeout is per read, not per body: a large body on a slow link is fine while it flows, as
  // long as it flows at the minimum rate.
  std::vector<char> chunk(kChunkBytes);
  if (options.min_rate_bytes > 0) {
    rate_window_end = Clock::now() + options.min_rate_window;
    rate_window_bytes = 0;
  }
  while (!parser.is_done()) {
    parser.get().body().data = chunk.data();
    parser.get().body().size = chunk.size();
    tcp_layer.expires_at(expiry(Step::kReadBody));
    auto [body_ec, body_bytes] = co_await http::async_read_some(*stream, buffer, parser, kAsTuple);
    if (body_ec && body_ec != http::error::need_buffer) {
      fail(Step::kReadBody, body_ec);
    }
    const std::string_view piece(chunk.data(), chunk.size() - parser.get().body().size);
    count_body(piece.size());
    if (piece.empty()) {
      continue;
    }
    if (decoder) {
      decode([&] { decoder->feed(piece, deliver); });
    } else {
      deliver(piece);
    }
  }
  rate_window_end.reset();
  if (decoder) {
    decode([&] { decoder->finish(); });
  }
  if (parser.get().need_eof()) {
    close();  // "Connection: close", HTTP/1.0 or a body delimited by the end of the stream
  }
  co_return response;
}

}  // namespace tcfeed::net
