#pragma once
// Whole-buffer gzip/zlib decompression with an output cap (a small compressed body must not
// become gigabytes in memory), and whole-buffer gzip compression (an export's body, compressed
// once per refresh: docs/exports.md, Serving).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tcfeed {

// Returns the decompressed bytes, or nullopt with `error` set (corrupt data, or over max_output).
std::optional<std::string> gunzip(std::string_view compressed, std::size_t max_output, std::string& error);

// `data` as a gzip member (RFC 1952), at zlib's default level.
std::string gzip(std::string_view data);

inline bool looks_gzipped(std::string_view data) {
  return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f && static_cast<unsigned char>(data[1]) == 0x8b;
}

}  // namespace tcfeed
