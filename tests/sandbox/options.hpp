#pragma once
// Command line of tcfeed-sandbox (see README.md in this folder).
#include <cstdint>
#include <string>
#include <vector>

namespace tcfeed::sandbox {

struct Credential {
  std::string access_id;
  std::string secret_key;  // read from --secret-file; never printed
};

struct OwnerSpec {
  std::string name;
  std::string type = "Organization";
  std::string perm_indicator = "FULL";  // FULL | READ | NONE (v3 permIndicator)
};

struct Options {
  std::string cert_file;
  std::string key_file;
  // Mutual TLS: require every client to present a certificate this CA issued (--client-ca).
  std::string client_ca_file;
  std::string listen_host = "127.0.0.1";
  std::uint16_t listen_port = 0;
  std::string port_file;
  std::vector<Credential> credentials;
  std::string token;  // trimmed content of --token-file; empty = token auth disabled
  std::vector<OwnerSpec> owners;
  std::string base_path = "/api";  // "" serves the legacy layout (/v2/... at the root)
  std::string files_dir;
  std::int64_t fail_first = 0;
  int fail_status = 503;
  std::string fail_path;                   // --fail-first only for this path prefix
  std::string fail_method;                 // --fail-first only for this method
  std::vector<std::string> fault_specs;    // --fault, parsed by the fault injector
  std::vector<std::string> denied_owners;  // --deny-owner
  std::int64_t clock_offset = 0;           // seconds added to the server clock
  bool bad_signature = false;
  std::int64_t max_upload = 2000000;
  int running_polls = 1;     // status polls that still answer Running before Completed
  double job_rate = 0;       // indicators per second a job is processed at; 0: jobs finish at once
  int max_running_jobs = 1;  // with job_rate: jobs of one owner running at once, the others queued
};

// Parses argv; on --help or a usage error prints the message and returns the exit code
// through `exit_code` (and std::nullopt-like false).
bool parse_options(int argc, char** argv, Options& options, int& exit_code);

// "Name", "Name:Community", "Name:Source:READ", "Name:NONE": a trailing FULL|READ|NONE is the
// indicator permission, a trailing Organization|Community|Source before it the type; any other
// colon stays part of the name.
OwnerSpec parse_owner_spec(const std::string& text);

// Reads a secret or token file and strips surrounding whitespace (editors add a newline).
std::string read_trimmed_file(const std::string& path);

}  // namespace tcfeed::sandbox
