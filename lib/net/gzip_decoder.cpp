#include "lib/net/gzip_decoder.hpp"

#include <string>

#include <zlib.h>

namespace tcfeed::net {

struct GzipDecoder::Stream {
  Stream() {
    // 15 + 16: gzip framing only, as Content-Encoding: gzip promises.
    if (inflateInit2(&z, 15 + 16) != Z_OK) {
      throw GzipError("zlib initialisation failed");
    }
  }
  ~Stream() { inflateEnd(&z); }
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;

  z_stream z{};
};

GzipDecoder::GzipDecoder(std::size_t max_output) : stream_(std::make_unique<Stream>()), max_output_(max_output) {}

GzipDecoder::~GzipDecoder() = default;

void GzipDecoder::feed(std::string_view compressed, const Sink& sink) {
  z_stream& z = stream_->z;
  // zlib's interface is not const-correct; it only reads next_in.
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  z.avail_in = static_cast<uInt>(compressed.size());
  char buffer[64 * 1024];
  for (;;) {
    if (ended_) {
      if (z.avail_in == 0) {
        return;
      }
      // Concatenated gzip members decode as one body (RFC 1952 §2.2).
      if (inflateReset(&z) != Z_OK) {
        throw GzipError("zlib reset failed");
      }
      ended_ = false;
    }
    const uInt before = z.avail_in;
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof buffer;
    const int result = inflate(&z, Z_NO_FLUSH);
    if (result != Z_OK && result != Z_STREAM_END && result != Z_BUF_ERROR) {
      throw GzipError(std::string("invalid gzip data (") + (z.msg ? z.msg : "zlib error") + ")");
    }
    in_ += before - z.avail_in;
    const std::size_t produced = sizeof buffer - z.avail_out;
    out_ += produced;
    if (out_ > max_output_) {
      throw GzipTooLarge("decompressed to more than " + std::to_string(max_output_) + " bytes");
    }
    if (out_ > kRatioFreeBytes && out_ > kMaxRatio * in_) {
      throw GzipError("decompresses more than " + std::to_string(kMaxRatio) + ":1 (a compression bomb?)");
    }
    ended_ = result == Z_STREAM_END;
    if (produced > 0) {
      sink(std::string_view(buffer, produced));
    }
    // A full output buffer may leave output inside zlib: go round again even without input.
    const bool stuck = produced == 0 && before == z.avail_in;
    if (!ended_ && (stuck || (z.avail_out != 0 && z.avail_in == 0))) {
      return;
    }
  }
}

void GzipDecoder::finish() const {
  if (in_ > 0 && !ended_) {
    throw GzipError("the gzip stream is truncated");
  }
}

}  // namespace tcfeed::net
