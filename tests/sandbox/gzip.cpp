#include "tests/sandbox/gzip.hpp"

#include <zlib.h>

#include <stdexcept>

namespace tcfeed::sandbox {

std::string gzip_compress(std::string_view data) {
  z_stream stream{};
  // deflateInit2_ directly: the deflateInit2 macro expands to an old-style cast.
  constexpr int kGzipWindowBits = 15 + 16;  // +16 = gzip header and trailer instead of zlib's
  if (deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, kGzipWindowBits, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                    static_cast<int>(sizeof(z_stream))) != Z_OK) {
    throw std::runtime_error("deflateInit2 failed");
  }
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&stream, Z_FINISH);
  deflateEnd(&stream);
  if (result != Z_STREAM_END) throw std::runtime_error("deflate did not finish");
  out.resize(stream.total_out);
  return out;
}

}  // namespace tcfeed::sandbox
