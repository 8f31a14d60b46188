#pragma once
// The `tcfeed` subcommands (docs/threatconnect.md, Command line and exit codes). Each returns the
// process exit code: 0 success, 1 runtime failure, 2 usage or config error, 3 (run --once)
// delivered but some indicators rejected.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tcfeed::cli {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

struct RunArgs {
  std::string config;
  bool once = false;
  std::vector<std::string> connectors;
  std::optional<std::string> dry_run_dir;
};
int run(const RunArgs& args);

int check_config(const std::string& config, bool offline);

struct SignArgs {
  std::string config;
  std::string method;
  std::string target;
  std::optional<std::int64_t> timestamp;
};
int sign(const SignArgs& args);

int normalize(const std::string& type, const std::vector<std::string>& values);

struct IndicatorsArgs {
  std::string config;
  std::string owner;
  std::optional<std::string> type;
  std::optional<std::string> value;
  std::size_t limit = 1000;
  bool json = false;
  bool v3 = false;
};
int indicators(const IndicatorsArgs& args);

int owners(const std::string& config, bool json);

struct ApiArgs {
  std::string config;
  std::string method;
  std::string target;
  std::optional<std::string> data_file;
};
int api(const ApiArgs& args);

struct StateArgs {
  std::string config;
  std::string action;     // show | reset | dead-letters | requeue
  std::string connector;  // for reset
  bool json = false;
  std::size_t limit = 1000;
};
int state(const StateArgs& args);

int connectors();
int version();

// Exit 0 when the http:// URL answers 200 within 5 s, 1 otherwise (the reason on stderr), 2 for
// a URL that cannot be probed (https://, not a URL).
int probe(const std::string& url);

}  // namespace tcfeed::cli
