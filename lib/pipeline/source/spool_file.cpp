#include "lib/pipeline/source/spool_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "lib/pipeline/source/source_fetch.hpp"

namespace tcfeed::pipeline {

SpoolFile::SpoolFile(std::string_view name) {
  const char* dir = std::getenv("TMPDIR");
  path_ = std::string(dir && *dir ? dir : "/tmp") + "/tcfeed-" + std::string(name) + "-XXXXXX";
  fd_ = ::mkstemp(path_.data());
  if (fd_ < 0) throw SourceError("cannot create a temporary file in " + path_ + ": " + std::strerror(errno));
  // At once, so that a SIGKILL, a crash or an exit with a poll in flight leaves nothing in TMPDIR.
  ::unlink(path_.c_str());
}

SpoolFile::~SpoolFile() {
  if (fd_ >= 0) ::close(fd_);
}

void SpoolFile::write(std::string_view chunk) {
  while (!chunk.empty()) {
    // pwrite at the end the file has for us, which truncate() may have moved back.
    const ssize_t written = ::pwrite(fd_, chunk.data(), chunk.size(), static_cast<off_t>(size_));
    if (written < 0) {
      if (errno == EINTR) continue;
      throw SourceError("cannot write a temporary file in " + path_.substr(0, path_.rfind('/')) + ": " +
                        std::strerror(errno));
    }
    chunk.remove_prefix(static_cast<std::size_t>(written));
    size_ += static_cast<std::size_t>(written);
  }
}

void SpoolFile::truncate(std::size_t size) {
  if (size >= size_) return;
  if (::ftruncate(fd_, static_cast<off_t>(size)) != 0) {
    throw SourceError(std::string("cannot truncate a temporary file: ") + std::strerror(errno));
  }
  size_ = size;
}

std::unique_ptr<ByteSource> SpoolFile::open() const {
  return std::make_unique<FileSource>("/proc/self/fd/" + std::to_string(fd_));
}

}  // namespace tcfeed::pipeline
