#include "lib/state/state_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>

#include "lib/state/state_error.hpp"

namespace tcfeed::state {
namespace {

std::string describe_holder() {
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0) std::strcpy(host, "unknown");
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char since[32] = {};
  std::strftime(since, sizeof since, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return "pid " + std::to_string(::getpid()) + ", host " + host + ", since " + since;
}

std::string read_all(int fd) {
  std::string text;
  char buffer[512];
  off_t offset = 0;
  ssize_t got = 0;
  while ((got = ::pread(fd, buffer, sizeof buffer, offset)) > 0 && text.size() < 4096) {
    text.append(buffer, static_cast<std::size_t>(got));
    offset += got;
  }
  while (!text.empty() && (text.back() == '\n' || text.back() == '\0')) text.pop_back();
  return text;
}

}  // namespace

StateLock::StateLock(const std::string& state_path) : lock_path_(state_path + ".lock") {
  const auto parent = std::filesystem::path(lock_path_).parent_path();
  std::error_code ignored;
  if (!parent.empty()) std::filesystem::create_directories(parent, ignored);
  fd_ = ::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    throw StateError("cannot open the state lock " + lock_path_ + ": " + std::strerror(errno));
  }
  // flock, not fcntl locks: it belongs to this open file description, so it is neither shared with
  // nor dropped by other opens of the file in this process, and it ends with the process.
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    std::string holder = error == EWOULDBLOCK ? read_all(fd_) : std::string();
    ::close(fd_);
    fd_ = -1;
    if (error != EWOULDBLOCK) {
      throw StateError("cannot lock " + lock_path_ + ": " + std::strerror(error));
    }
    if (holder.empty()) holder = "another process (it has not written its name yet)";
    throw StateLockedError("the state file " + state_path + " is in use by " + holder + " (lock " + lock_path_ +
                           "); one tcfeed per state file");
  }
  holder_ = describe_holder();
  const std::string line = holder_ + "\n";
  if (::ftruncate(fd_, 0) != 0 || ::pwrite(fd_, line.data(), line.size(), 0) != static_cast<ssize_t>(line.size())) {
    const int error = errno;
    ::close(fd_);
    throw StateError("cannot write the state lock " + lock_path_ + ": " + std::strerror(error));
  }
}

StateLock::~StateLock() {
  // Emptied before unlocking so no stale name outlives the holder; the file itself stays, since
  // unlinking a lock file races with the next process opening it.
  if (::ftruncate(fd_, 0) != 0) {
    // Nothing to do: the lock is released by close either way.
  }
  ::close(fd_);
}

}  // namespace tcfeed::state
