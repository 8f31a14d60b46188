#include "tests/sandbox/options.hpp"

#include <CLI/CLI.hpp>

#include <fstream>
#include <initializer_list>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string_view>

namespace tcfeed::sandbox {
namespace {

std::string trim(std::string text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

void parse_listen(const std::string& text, Options& options) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) throw CLI::ValidationError("--listen", "expected HOST:PORT");
  std::string host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const std::string port = text.substr(colon + 1);
  int value = -1;
  try {
    std::size_t used = 0;
    value = std::stoi(port, &used);
    if (used != port.size()) value = -1;
  } catch (const std::exception&) {
    value = -1;
  }
  if (host.empty() || value < 0 || value > 65535) {
    throw CLI::ValidationError("--listen", "expected HOST:PORT, got " + text);
  }
  options.listen_host = host;
  options.listen_port = static_cast<std::uint16_t>(value);
}

}  // namespace

std::string read_trimmed_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream content;
  content << in.rdbuf();
  return trim(content.str());
}

OwnerSpec parse_owner_spec(const std::string& text) {
  OwnerSpec spec{text, "Organization", "FULL"};
  const auto take_suffix = [&spec](std::initializer_list<std::string_view> accepted, std::string& out) {
    const auto colon = spec.name.rfind(':');
    if (colon == std::string::npos || colon == 0) return;
    const std::string suffix = spec.name.substr(colon + 1);
    for (const auto candidate : accepted) {
      if (suffix == candidate) {
        out = suffix;
        spec.name.resize(colon);
        return;
      }
    }
  };
  take_suffix({"FULL", "READ", "NONE"}, spec.perm_indicator);
  take_suffix({"Organization", "Community", "Source"}, spec.type);
  return spec;
}

bool parse_options(int argc, char** argv, Options& options, int& exit_code) {
  CLI::App app{"tcfeed-sandbox: a ThreatConnect API stand-in over HTTPS, for tests"};
  std::string listen = "127.0.0.1:0";
  std::vector<std::string> access_ids;
  std::vector<std::string> secret_files;
  std::string token_file;
  std::vector<std::string> owners;
  app.add_option("--cert", options.cert_file, "server certificate chain (PEM)")->required();
  app.add_option("--key", options.key_file, "server private key (PEM)")->required();
  app.add_option("--client-ca", options.client_ca_file,
                 "require a client certificate issued by this CA (PEM); the handshake fails without one");
  app.add_option("--listen", listen, "HOST:PORT; port 0 picks a free one")->capture_default_str();
  app.add_option("--port-file", options.port_file, "write the bound port here (atomically)");
  app.add_option("--access-id", access_ids, "HMAC access id (repeatable, paired with --secret-file)");
  app.add_option("--secret-file", secret_files, "file holding the secret key of the matching --access-id");
  app.add_option("--token-file", token_file, "file holding the accepted API token (TC-Token)");
  app.add_option("--owner", owners, "NAME[:Organization|Community|Source][:FULL|READ|NONE] (repeatable)");
  app.add_option("--deny-owner", options.denied_owners, "batch jobs for this owner answer 403 (repeatable)");
  app.add_option("--base-path", options.base_path, "API root path; \"\" for the legacy host layout")
      ->capture_default_str();
  app.add_option("--files", options.files_dir, "serve DIR/<name> at /files/<name> (no auth)");
  app.add_option("--fail-first", options.fail_first, "answer the first N authenticated requests with --fail-status");
  app.add_option("--fail-status", options.fail_status, "status used by --fail-first")->capture_default_str();
  app.add_option("--fail-path", options.fail_path, "--fail-first only for paths under this prefix");
  app.add_option("--fail-method", options.fail_method, "--fail-first only for this method");
  app.add_option("--fault", options.fault_specs, "fault rule: key=value,... or a JSON object (repeatable)");
  app.add_option("--clock-offset", options.clock_offset, "seconds added to the server clock (auth, Date)");
  app.add_flag("--bad-signature", options.bad_signature, "reject every HMAC signature and token");
  app.add_option("--max-upload", options.max_upload, "largest accepted batch upload in bytes")->capture_default_str();
  app.add_option("--running-polls", options.running_polls,
                 "status polls answering Running before a job reports Completed")
      ->capture_default_str();
  app.add_option("--job-rate", options.job_rate,
                 "model the platform's pace: a job takes (its indicators / this) seconds; 0 = at once")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--max-running-jobs", options.max_running_jobs,
                 "with --job-rate: jobs of one owner running at once; later uploads wait queued")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  try {
    app.parse(argc, argv);
    parse_listen(listen, options);
    if (access_ids.size() != secret_files.size()) {
      throw CLI::ValidationError("--access-id", "each --access-id needs one --secret-file");
    }
    for (std::size_t i = 0; i < access_ids.size(); ++i) {
      options.credentials.push_back({access_ids[i], read_trimmed_file(secret_files[i])});
    }
    if (!token_file.empty()) options.token = read_trimmed_file(token_file);
    for (const auto& owner : owners) options.owners.push_back(parse_owner_spec(owner));
    if (options.owners.empty()) options.owners.push_back({"Demo Organization", "Organization"});
    while (!options.base_path.empty() && options.base_path.back() == '/') options.base_path.pop_back();
    if (!options.base_path.empty() && options.base_path.front() != '/') {
      options.base_path.insert(0, "/");
    }
    if (options.running_polls < 0) options.running_polls = 0;
  } catch (const CLI::ParseError& error) {
    exit_code = app.exit(error);
    return false;
  } catch (const std::runtime_error& error) {
    std::cerr << "tcfeed-sandbox: " << error.what() << '\n';
    exit_code = 2;
    return false;
  }
  return true;
}

}  // namespace tcfeed::sandbox
