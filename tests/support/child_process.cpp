#include "tests/support/child_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace tcfeed::testing {

namespace fs = std::filesystem;

ChildProcess::ChildProcess(const std::string& prefix, int stop_signal) : stop_signal_(stop_signal) {
  std::string pattern = (fs::temp_directory_path() / (prefix + "XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
  dir_ = pattern;
}

ChildProcess::~ChildProcess() { stop(); }

void ChildProcess::spawn(std::vector<std::string> argv, const std::string& out_name, const std::string& err_name) {
  std::vector<char*> args;
  for (auto& arg : argv) args.push_back(arg.data());
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  const std::string out_file = dir_ + "/" + out_name, err_file = dir_ + "/" + err_name;
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (err_name == out_name) {
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  } else {
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  }
  const int spawned = ::posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    pid_ = -1;
    throw std::runtime_error("cannot start " + argv[0]);
  }
}

void ChildProcess::wait_until(const std::function<bool()>& ready, std::chrono::milliseconds timeout,
                              const std::string& what, const std::string& log_name) {
  const auto give_up = std::chrono::steady_clock::now() + timeout;
  while (!ready()) {
    int status = 0;
    const bool exited = pid_ > 0 && ::waitpid(pid_, &status, WNOHANG) == pid_;
    if (exited) pid_ = -1;
    if (exited || std::chrono::steady_clock::now() > give_up) {
      throw std::runtime_error(what + (exited ? " (it exited)" : " (timed out)") + ":\n" + read(log_name));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

std::string ChildProcess::read(const std::string& name) const {
  std::stringstream text;
  text << std::ifstream(dir_ + "/" + name).rdbuf();
  return text.str();
}

void ChildProcess::stop() {
  if (pid_ > 0) {
    ::kill(pid_, stop_signal_);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  if (!dir_.empty()) {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
    dir_.clear();
  }
}

}  // namespace tcfeed::testing
