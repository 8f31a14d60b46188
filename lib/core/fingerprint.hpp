#pragma once
// A fast 64-bit fingerprint of a byte string, for the seen set: one multiply per 8 bytes. It is
// persisted in the state database, so the function must never change once released; the state
// file is not portable to a big-endian machine (words are read in host order).
#include <cstdint>
#include <cstring>
#include <string_view>

namespace tcfeed {

// GCC and clang on 64-bit targets; -Wpedantic wants the extension said out loud.
__extension__ typedef unsigned __int128 Uint128;

namespace fingerprint_detail {

inline constexpr std::uint64_t kMultiplier = 0x9e3779b97f4a7c15ULL;
inline constexpr std::uint64_t kFinal = 0xc2b2ae3d27d4eb4fULL;

// Folds the 128-bit product: every input bit reaches both halves of the result.
inline std::uint64_t fold_multiply(std::uint64_t a, std::uint64_t b) {
  const Uint128 product = static_cast<Uint128>(a) * b;
  return static_cast<std::uint64_t>(product) ^ static_cast<std::uint64_t>(product >> 64);
}

}  // namespace fingerprint_detail

inline std::uint64_t fingerprint64(std::string_view bytes, std::uint64_t seed = 0) {
  using namespace fingerprint_detail;
  std::uint64_t state = seed ^ kFinal;
  const char* data = bytes.data();
  std::size_t left = bytes.size();
  while (left >= 8) {
    std::uint64_t word;
    std::memcpy(&word, data, 8);
    state = fold_multiply(state ^ word, kMultiplier);
    data += 8;
    left -= 8;
  }
  std::uint64_t tail = 0;
  if (left > 0) std::memcpy(&tail, data, left);
  // The length goes in last, so "a" and "a\0" differ.
  state = fold_multiply(state ^ tail, kMultiplier);
  return fold_multiply(state ^ bytes.size(), kFinal);
}

}  // namespace tcfeed
