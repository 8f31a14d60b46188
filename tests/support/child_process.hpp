#pragma once
// A program a test runs beside it (tcfeed-sandbox, tinyproxy): a scratch directory for its files,
// the program spawned with its output in files there, waited for until it is ready, and, with the
// object, stopped and the directory removed.
#include <sys/types.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace tcfeed::testing {

class ChildProcess {
 public:
  // A fresh scratch directory under the system's temporary one, named `prefix` and a random tail.
  // `stop_signal` ends the program: SIGTERM lets it flush, SIGKILL for one with nothing to flush.
  ChildProcess(const std::string& prefix, int stop_signal);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  const std::string& dir() const { return dir_; }
  // Starts argv[0] with its standard output in dir()/`out_name` and its errors in dir()/`err_name`
  // (one file when the names are equal). Throws std::runtime_error when it cannot be started.
  void spawn(std::vector<std::string> argv, const std::string& out_name, const std::string& err_name);
  // Polls `ready` until it holds. Throws std::runtime_error, saying `what` and with dir()/`log_name`,
  // when the program exits first or `timeout` passes.
  void wait_until(const std::function<bool()>& ready, std::chrono::milliseconds timeout, const std::string& what,
                  const std::string& log_name);
  // The text of dir()/`name`, empty when there is no such file.
  std::string read(const std::string& name) const;
  // Ends the program (waiting for it) and removes the directory; the destructor does it too.
  void stop();

 private:
  std::string dir_;
  int stop_signal_;
  pid_t pid_ = -1;
};

}  // namespace tcfeed::testing
