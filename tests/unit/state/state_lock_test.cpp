// One daemon per state file: the second holder is refused with the first one named, and the lock
// ends with its holder.
#include "lib/state/state_lock.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "tests/unit/state/state_test_support.hpp"

namespace tcfeed::state {
namespace {

class StateLockTest : public testing::StateTest {};

std::string file_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST_F(StateLockTest, TheLockFileNamesTheHolder) {
  StateLock lock(path_);
  const std::string pid = "pid " + std::to_string(::getpid()) + ", host ";
  EXPECT_EQ(lock.holder().rfind(pid, 0), 0u) << lock.holder();
  EXPECT_NE(lock.holder().find(", since 20"), std::string::npos) << lock.holder();
  EXPECT_EQ(file_text(path_ + ".lock"), lock.holder() + "\n");
}

TEST_F(StateLockTest, ASecondLockInThisProcessIsRefusedNamingTheHolder) {
  StateLock first(path_);
  try {
    StateLock second(path_);  // its own open file description: flock conflicts even in-process
    FAIL() << "two locks on one state file";
  } catch (const StateLockedError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find(first.holder()), std::string::npos) << message;
    EXPECT_NE(message.find(path_), std::string::npos) << message;
  }
  EXPECT_EQ(file_text(path_ + ".lock"), first.holder() + "\n");  // the refused one wrote nothing
}

TEST_F(StateLockTest, AnotherProcessIsRefusedWhileHeldAndGetsItAfterRelease) {
  const auto child_tries = [&] {
    const pid_t child = ::fork();
    if (child == 0) {
      // Exit codes: 0 got the lock, 3 refused naming our parent, 4 anything else.
      try {
        StateLock lock(path_);
        ::_exit(0);
      } catch (const StateLockedError& error) {
        const std::string parent = "pid " + std::to_string(::getppid()) + ",";
        ::_exit(std::string(error.what()).find(parent) != std::string::npos ? 3 : 4);
      } catch (...) {
        ::_exit(4);
      }
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  {
    StateLock held(path_);
    EXPECT_EQ(child_tries(), 3);
  }
  EXPECT_EQ(child_tries(), 0);
  StateLock again(path_);  // and this process can take it again too
}

TEST_F(StateLockTest, ReleasedOnDestruction) {
  { StateLock first(path_); }
  EXPECT_EQ(file_text(path_ + ".lock"), "");  // no stale holder left behind
  StateLock second(path_);
  EXPECT_FALSE(second.holder().empty());
}

}  // namespace
}  // namespace tcfeed::state
