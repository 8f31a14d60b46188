#pragma once
// Streaming input for the feed parsers. Parsers pull fixed-size chunks, so memory stays bounded by
// the chunk and the largest record, never by the size of the feed.
#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tcfeed::pipeline {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Fills up to `size` bytes; returns how many, 0 only at the end. Throws SourceError
  // (lib/pipeline/source/source_fetch.hpp) when the bytes cannot be produced.
  virtual std::size_t read(char* buffer, std::size_t size) = 0;
  // How many bytes the whole source holds when known before reading (a file's size), else 0. A
  // hint for sizing tables ahead, never a limit: the source may turn out longer or shorter.
  virtual std::size_t size_hint() const { return 0; }
};

// Owns bytes already in memory (how the reader tests and fuzz targets feed the readers).
class StringSource final : public ByteSource {
 public:
  explicit StringSource(std::string data) : data_(std::move(data)) {}
  std::size_t read(char* buffer, std::size_t size) override;

 private:
  std::string data_;
  std::size_t offset_ = 0;
};

// A file read in chunks by the reader's buffer, never all at once.
class FileSource final : public ByteSource {
 public:
  explicit FileSource(const std::filesystem::path& path);
  ~FileSource() override;
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  std::size_t read(char* buffer, std::size_t size) override;
  std::size_t size_hint() const override { return size_; }

 private:
  std::FILE* file_ = nullptr;
  std::size_t size_ = 0;
  std::string path_;
};

// Replays bytes already read (to sniff a format) and then continues with the source.
class PrefixedSource final : public ByteSource {
 public:
  PrefixedSource(std::string prefix, std::unique_ptr<ByteSource> rest)
      : prefix_(std::move(prefix)), rest_(std::move(rest)) {}
  std::size_t read(char* buffer, std::size_t size) override;
  // The prefix was read from `rest`, whose hint counts it already.
  std::size_t size_hint() const override { return rest_->size_hint(); }

 private:
  std::string prefix_;
  std::size_t offset_ = 0;
  std::unique_ptr<ByteSource> rest_;
};

// Reads up to `size` bytes from the start of `source` (fewer only at its end) and returns a source
// that yields them again followed by the rest.
std::unique_ptr<ByteSource> peek(std::unique_ptr<ByteSource> source, std::size_t size, std::string& head);

// Reads the first bytes of a source into `buffer` (at least 3 unless the source ends first) and
// returns them without a UTF-8 byte order mark, however the source splits its reads.
std::string_view read_head(ByteSource& source, std::vector<char>& buffer);

}  // namespace tcfeed::pipeline
