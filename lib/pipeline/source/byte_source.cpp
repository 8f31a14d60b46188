#include "lib/pipeline/source/byte_source.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::pipeline {

std::size_t StringSource::read(char* buffer, std::size_t size) {
  const std::size_t count = std::min(size, data_.size() - offset_);
  std::memcpy(buffer, data_.data() + offset_, count);
  offset_ += count;
  return count;
}

std::size_t PrefixedSource::read(char* buffer, std::size_t size) {
  if (offset_ < prefix_.size()) {
    const std::size_t count = std::min(size, prefix_.size() - offset_);
    std::memcpy(buffer, prefix_.data() + offset_, count);
    offset_ += count;
    return count;
  }
  return rest_->read(buffer, size);
}

std::unique_ptr<ByteSource> peek(std::unique_ptr<ByteSource> source, std::size_t size, std::string& head) {
  head.resize(size);
  std::size_t have = 0;
  while (have < size) {
    const std::size_t count = source->read(head.data() + have, size - have);
    if (count == 0) break;
    have += count;
  }
  head.resize(have);
  return std::make_unique<PrefixedSource>(head, std::move(source));
}

std::string_view read_head(ByteSource& source, std::vector<char>& buffer) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (buffer.size() < kBom.size()) buffer.resize(kBom.size());
  std::size_t have = 0;
  while (have < kBom.size()) {
    const std::size_t count = source.read(buffer.data() + have, buffer.size() - have);
    if (count == 0) break;
    have += count;
  }
  std::string_view head(buffer.data(), have);
  if (head.substr(0, kBom.size()) == kBom) head.remove_prefix(kBom.size());
  return head;
}

FileSource::FileSource(const std::filesystem::path& path) : path_(path.string()) {
  file_ = std::fopen(path_.c_str(), "rb");
  if (file_ == nullptr) throw SourceError("cannot open " + path_ + ": " + std::strerror(errno));
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  if (!error) size_ = static_cast<std::size_t>(size);  // a pipe or device has none: no hint
}

FileSource::~FileSource() {
  if (file_ != nullptr) std::fclose(file_);
}

std::size_t FileSource::read(char* buffer, std::size_t size) {
  const std::size_t count = std::fread(buffer, 1, size, file_);
  // A short count is either the end or an error; only the error must not pass for a clean end
  // (a truncated read would look like a shorter feed).
  if (count < size && std::ferror(file_)) throw SourceError("cannot read " + path_ + ": " + std::strerror(errno));
  return count;
}

}  // namespace tcfeed::pipeline
