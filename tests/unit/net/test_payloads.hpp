#pragma once
// Bodies for the client tests: deterministic text and its gzip encoding.
#include <cstddef>
#include <string>
#include <string_view>

namespace tcfeed::net::testing {

// `size` bytes of feed-like lines ("indicator-0000001.example\n"...), the same on every call.
std::string sample_text(std::size_t size);

// A single gzip member (RFC 1952) of `plain`, made with zlib.
std::string gzip(std::string_view plain);

}  // namespace tcfeed::net::testing
