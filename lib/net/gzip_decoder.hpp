#pragma once
// Incremental gzip decoding of a response body (Content-Encoding: gzip), bounded twice: the
// output may not exceed a cap, and beyond the first MiB it may not grow more than kMaxRatio times
// the compressed input, which stops a bomb long before the cap when the cap is large.
#include <cstddef>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string_view>

namespace tcfeed::net {

class GzipError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The decoded body passed the output cap: the caller's size limit, not a fault in the data.
class GzipTooLarge : public GzipError {
 public:
  using GzipError::GzipError;
};

class GzipDecoder {
 public:
  static constexpr std::size_t kRatioFreeBytes = 1u << 20;
  static constexpr std::size_t kMaxRatio = 200;

  using Sink = std::function<void(std::string_view)>;

  explicit GzipDecoder(std::size_t max_output);
  ~GzipDecoder();
  GzipDecoder(const GzipDecoder&) = delete;
  GzipDecoder& operator=(const GzipDecoder&) = delete;

  // Decodes `compressed` and hands the output to `sink` in pieces of at most 64 KiB. Throws
  // GzipError on corrupt data or a broken bound; whatever `sink` throws passes through.
  void feed(std::string_view compressed, const Sink& sink);

  // The body ended: throws GzipError when the gzip stream did not (a truncated body).
  void finish() const;

  std::size_t bytes_out() const { return out_; }

 private:
  struct Stream;
  std::unique_ptr<Stream> stream_;
  std::size_t max_output_;
  std::size_t in_ = 0;
  std::size_t out_ = 0;
  bool ended_ = false;  // the last gzip member ended and no byte followed
};

}  // namespace tcfeed::net
