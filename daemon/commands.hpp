#pragma once
// The `tcfeed` subcommands (docs/threatconnect.md, Command line and exit codes). Each returns the
// process exit code: 0 success, 1 runtime failure, 2 usage or config error, 3 done but some
// indicators rejected (run --once: by the platform; normalize: as invalid).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lib/config/config.hpp"

namespace tcfeed::cli {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;
constexpr int kExitRejected = 3;
// `tcfeed why` only (docs/audit.md): policy drops the value; every connector sent it unchanged.
constexpr int kExitDropped = 4;
constexpr int kExitUnchanged = 5;

// How the commands that talk only to ThreatConnect load the configuration: its secrets are read,
// the connectors' are not (a feed key missing from this shell must not hold up `tcfeed owners`).
inline constexpr config::LoadOptions kThreatConnectOnly{.read_secrets = true, .read_connector_secrets = false};

struct RunArgs {
  std::string config;
  bool once = false;
  std::vector<std::string> connectors;
  std::optional<std::string> dry_run_dir;
  bool from_scratch = false;  // with dry_run_dir: ignore the seen sets and cursors
  bool no_audit = false;      // with dry_run_dir: no <connector>-audit.jsonl
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

struct ExportArgs {
  std::string config;
  std::string name;
  std::optional<std::string> output;  // stdout when absent
  bool full = false;
};
int export_list(const ExportArgs& args);

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

// Every type, or only `type` (any case); the keys every connector that fetches a source shares are
// listed once, before the types.
int connectors(const std::string& type);

struct PollArgs {
  std::string config;
  std::string connector;
};
// Asks the daemon listening on the configuration's http.listen to poll one connector now. Exit 0
// when it started the poll; 1 when no daemon answers (the message says so, and how to poll once
// without one) or it will not poll now (polling already, the source asked to wait); 2 for a
// connector the configuration (or the running daemon's) does not name.
int poll(const PollArgs& args);
int version();

struct WhyArgs {
  std::string config;
  std::string value;
  std::optional<std::string> type;
  std::optional<std::string> connector;
};
// Each stage's verdict on one value (docs/audit.md, `tcfeed why VALUE`). Exit 0 it would be sent,
// 3 rejected as invalid, 4 dropped by policy, 5 sent already and unchanged, 2 usage or config error.
int why(const WhyArgs& args);

// Exit 0 when the http:// URL answers 200 within 5 s, 1 otherwise (the reason on stderr), 2 for
// a URL that cannot be probed (https://, not a URL).
int probe(const std::string& url);

}  // namespace tcfeed::cli
