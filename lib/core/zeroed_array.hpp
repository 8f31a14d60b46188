#pragma once
// A fixed-size, zero-filled array of a trivially copyable type, for large hash tables. The memory
// comes straight from mmap: the kernel hands out zeroed pages, so a new table costs no memset
// pass, and from 2 MiB up it is marked for transparent huge pages — a table of millions of slots
// probed at random otherwise spends much of its time on TLB misses (the seen set: issue 5's
// throughput target).
#include <cstddef>
#include <type_traits>
#include <utility>

namespace tcfeed {

namespace zeroed_array_detail {
// Zeroed, page-aligned memory of at least `bytes` (nullptr for 0); throws std::bad_alloc.
void* map_zeroed(std::size_t bytes);
void unmap(void* memory, std::size_t bytes) noexcept;
}  // namespace zeroed_array_detail

template <typename T>
class ZeroedArray {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);

 public:
  ZeroedArray() = default;
  explicit ZeroedArray(std::size_t size)
      : data_(static_cast<T*>(zeroed_array_detail::map_zeroed(size * sizeof(T)))), size_(size) {}
  ZeroedArray(ZeroedArray&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}
  ZeroedArray& operator=(ZeroedArray&& other) noexcept {
    if (this != &other) {
      release();
      data_ = std::exchange(other.data_, nullptr);
      size_ = std::exchange(other.size_, 0);
    }
    return *this;
  }
  ZeroedArray(const ZeroedArray&) = delete;
  ZeroedArray& operator=(const ZeroedArray&) = delete;
  ~ZeroedArray() { release(); }

  std::size_t size() const { return size_; }
  T& operator[](std::size_t index) { return data_[index]; }
  const T& operator[](std::size_t index) const { return data_[index]; }
  T* begin() { return data_; }
  T* end() { return data_ + size_; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }

 private:
  void release() noexcept {
    zeroed_array_detail::unmap(data_, size_ * sizeof(T));
    data_ = nullptr;
    size_ = 0;
  }

  T* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace tcfeed
