#include "tests/unit/net/test_payloads.hpp"

#include <cstdio>
#include <stdexcept>

#include <zlib.h>

namespace tcfeed::net::testing {

std::string sample_text(std::size_t size) {
  std::string text;
  text.reserve(size + 32);
  char line[40];
  for (unsigned i = 0; text.size() < size; ++i) {
    const int length = std::snprintf(line, sizeof line, "indicator-%07u.example\n", i);
    text.append(line, static_cast<std::size_t>(length));
  }
  text.resize(size);
  return text;
}

std::string gzip(std::string_view plain) {
  z_stream z{};
  // 15 + 16: a gzip header and trailer around the deflate data.
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2 failed");
  }
  std::string out(deflateBound(&z, plain.size()), '\0');
  // zlib's interface is not const-correct; it only reads next_in.
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
  z.avail_in = static_cast<uInt>(plain.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&z, Z_FINISH);
  deflateEnd(&z);
  if (result != Z_STREAM_END) {
    throw std::runtime_error("deflate did not finish");
  }
  out.resize(z.total_out);
  return out;
}

}  // namespace tcfeed::net::testing
