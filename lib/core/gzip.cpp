#include "lib/core/gzip.hpp"

#include <zlib.h>

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

}  // namespace tcfeed
