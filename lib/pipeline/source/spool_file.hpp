#pragma once
// A temporary file that is already unlinked once open: nothing is left behind, whatever happens (a
// SIGKILL, a crash or an exit mid-poll). A download is spooled here before it is read, and a reader
// that must hold more than memory should (a MISP event's attributes until the event's end) spills
// here. It lives in TMPDIR (else /tmp).
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "lib/pipeline/source/byte_source.hpp"

namespace tcfeed::pipeline {

class SpoolFile {
 public:
  // `name` tells the file apart in TMPDIR while it is created (tcfeed-<name>-XXXXXX).
  explicit SpoolFile(std::string_view name = "fetch");
  ~SpoolFile();
  SpoolFile(const SpoolFile&) = delete;
  SpoolFile& operator=(const SpoolFile&) = delete;

  // Appends at the end. Throws SourceError when the disk refuses.
  void write(std::string_view chunk);
  // Cuts the file back to its first `size` bytes; the next write continues there.
  void truncate(std::size_t size);
  std::size_t size() const { return size_; }
  // Opens the spooled bytes for reading from the start, through the descriptor: the name is gone.
  std::unique_ptr<ByteSource> open() const;

 private:
  std::string path_;
  int fd_ = -1;
  std::size_t size_ = 0;
};

}  // namespace tcfeed::pipeline
