#include "lib/core/gzip.hpp"

#include <zlib.h>

#include <stdexcept>

namespace tcfeed {

std::optional<std::string> gunzip(std::string_view compressed, std::size_t max_output, std::string& error) {
  z_stream stream{};
  // 15 + 32: accept gzip and zlib headers alike.
  if (inflateInit2(&stream, 15 + 32) != Z_OK) {
    error = "zlib initialisation failed";
    return std::nullopt;
  }
  std::string out;
  char buffer[64 * 1024];
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  int result = Z_OK;
  while (result != Z_STREAM_END) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    result = inflate(&stream, Z_NO_FLUSH);
    if (result != Z_OK && result != Z_STREAM_END) {
      error = result == Z_BUF_ERROR ? "truncated compressed data" : "corrupt compressed data";
      inflateEnd(&stream);
      return std::nullopt;
    }
    out.append(buffer, sizeof buffer - stream.avail_out);
    if (out.size() > max_output) {
      error = "decompressed data larger than " + std::to_string(max_output) + " bytes";
      inflateEnd(&stream);
      return std::nullopt;
    }
  }
  inflateEnd(&stream);
  return out;
}

std::string gzip(std::string_view data) {
  z_stream stream{};
  // 15 + 16: a gzip header and trailer rather than zlib's. deflateInit2_ directly: the
  // deflateInit2 macro expands to an old-style cast.
  if (deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                    static_cast<int>(sizeof(z_stream))) != Z_OK) {
    throw std::runtime_error("zlib deflate initialisation failed");
  }
  // Written a chunk at a time: an output sized for the worst case would be as large as the input.
  std::string out;
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  int result = Z_OK;
  do {
    unsigned char chunk[64 * 1024];
    stream.next_out = chunk;
    stream.avail_out = sizeof chunk;
    result = deflate(&stream, Z_FINISH);
    out.append(reinterpret_cast<const char*>(chunk), sizeof chunk - stream.avail_out);
  } while (result == Z_OK);  // Z_OK with Z_FINISH: more output to come
  deflateEnd(&stream);
  if (result != Z_STREAM_END) throw std::runtime_error("zlib deflate failed");
  return out;
}

}  // namespace tcfeed
