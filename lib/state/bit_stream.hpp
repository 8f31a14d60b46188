#pragma once
// Bits packed into bytes and read back, for the seen set's blocks (seen_block_codec.hpp): a value
// of any width from 0 to 64 bits, and unary counts. Bits fill each byte from its lowest bit up, a
// value's low bits first, so a value never depends on the machine's byte order.
//
// The reader never reads outside its bytes, whatever they hold: reading past the end yields zero
// bits and marks the reader overrun, which the caller checks once it has read what it expected.
#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace tcfeed::state {

class BitWriter {
 public:
  // Appends to `out`, which must outlive the writer; finish() writes the last partial byte.
  explicit BitWriter(std::string& out) : out_(out) {}

  // The low `bits` bits of `value` (0 to 64).
  void write(std::uint64_t value, unsigned bits) {
    if (bits == 0) return;
    if (bits < 64) value &= (std::uint64_t{1} << bits) - 1;
    pending_ |= value << filled_;
    const unsigned total = filled_ + bits;
    if (total < 64) {
      filled_ = total;
      return;
    }
    append_bytes(pending_, 8);
    // What did not fit in the word just written: the value's high bits.
    pending_ = filled_ == 0 ? 0 : value >> (64 - filled_);
    filled_ = total - 64;
  }

  // `count` one bits, then a zero.
  void write_unary(std::uint64_t count) {
    for (; count >= 32; count -= 32) write(0xffffffffU, 32);
    write((std::uint64_t{1} << count) - 1, static_cast<unsigned>(count) + 1);
  }

  // Pads the last byte with zero bits and writes it; the writer is empty again.
  void finish() {
    append_bytes(pending_, (filled_ + 7) / 8);
    pending_ = 0;
    filled_ = 0;
  }

 private:
  void append_bytes(std::uint64_t word, unsigned count) {
    char bytes[8];
    for (unsigned i = 0; i < count; ++i) bytes[i] = static_cast<char>(static_cast<std::uint8_t>(word >> (8 * i)));
    out_.append(bytes, count);
  }

  std::string& out_;
  std::uint64_t pending_ = 0;
  unsigned filled_ = 0;  // bits of pending_ in use, always < 64
};

class BitReader {
 public:
  // Reads `bytes`, which must outlive the reader.
  explicit BitReader(std::string_view bytes) : bytes_(bytes), size_bits_(std::uint64_t{bytes.size()} * 8) {}

  // The next `bits` bits (0 to 64) as written by BitWriter::write.
  std::uint64_t read(unsigned bits) {
    if (bits <= 32) return take(bits);
    const std::uint64_t low = take(32);
    return low | take(bits - 32) << 32;
  }

  // The number of one bits before the next zero; the zero is consumed too. At the end of the
  // bytes without a zero: overrun.
  std::uint64_t read_unary() {
    std::uint64_t count = 0;
    while (!overrun_) {
      const unsigned available = static_cast<unsigned>(std::min<std::uint64_t>(kPeekBits, size_bits_ - position_));
      if (available == 0) {
        overrun_ = true;
        break;
      }
      const auto ones = static_cast<unsigned>(std::countr_one(peek()));
      if (ones < available) {
        position_ += ones + 1;
        return count + ones;
      }
      position_ += available;
      count += available;
    }
    return count;
  }

  // True once a read asked for bits the bytes do not have.
  bool overrun() const { return overrun_; }
  // Bits not read yet.
  std::uint64_t bits_left() const { return size_bits_ - position_; }
  // Whether the bits not read yet are all zero (a writer's padding).
  bool rest_is_zero() {
    while (bits_left() > 0) {
      if (take(static_cast<unsigned>(std::min<std::uint64_t>(32, bits_left()))) != 0) return false;
    }
    return true;
  }

 private:
  static constexpr unsigned kPeekBits = 57;  // a word loaded at any bit offset still holds this many

  // Up to 57 bits from the current position (zeros beyond the end), not consumed.
  std::uint64_t peek() const {
    const std::uint64_t byte = position_ / 8;
    std::uint64_t word = 0;
    if (std::endian::native == std::endian::little && byte + 8 <= bytes_.size()) {
      std::memcpy(&word, bytes_.data() + byte, 8);
      return word >> (position_ % 8);
    }
    const std::uint64_t have = std::min<std::uint64_t>(8, bytes_.size() - byte);
    for (std::uint64_t i = 0; i < have; ++i) {
      word |= std::uint64_t{static_cast<std::uint8_t>(bytes_[byte + i])} << (8 * i);
    }
    return word >> (position_ % 8);
  }

  std::uint64_t take(unsigned bits) {
    if (bits == 0) return 0;
    if (bits > bits_left()) {
      overrun_ = true;
      position_ = size_bits_;
      return 0;
    }
    const std::uint64_t value = peek() & ((std::uint64_t{1} << bits) - 1);
    position_ += bits;
    return value;
  }

  std::string_view bytes_;
  std::uint64_t size_bits_;
  std::uint64_t position_ = 0;
  bool overrun_ = false;
};

}  // namespace tcfeed::state
