#include "tests/support/sandbox_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <simdjson.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "lib/net/https_client.hpp"

extern char** environ;

namespace tcfeed::testing {
namespace {

namespace fs = std::filesystem;

std::string make_temp_dir(const char* prefix) {
  std::string pattern = (fs::temp_directory_path() / (std::string(prefix) + "XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
  return pattern;
}

std::string read_file(const std::string& path) {
  std::stringstream text;
  text << std::ifstream(path).rdbuf();
  return text.str();
}

// The test PKI, made once per process and removed at its exit.
struct Pki {
  std::string dir;
  Pki() {
    dir = make_temp_dir("tcfeed-test-pki-");
    const std::string command =
        "bash '" TCFEED_TEST_SOURCE_DIR "/tests/sandbox/make-certs.sh' '" + dir + "' >/dev/null 2>&1";
    if (std::system(command.c_str()) != 0) throw std::runtime_error("tests/sandbox/make-certs.sh failed");
  }
  ~Pki() {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
};

const Pki& pki() {
  static const Pki instance;
  return instance;
}

}  // namespace

SandboxProcess::SandboxProcess(const std::vector<std::string>& args) {
  dir_ = make_temp_dir("tcfeed-test-sandbox-");
  secret_file_ = dir_ + "/secret_key";
  std::ofstream(secret_file_) << "c2FuZGJveCB0ZXN0IHNlY3JldCwgbm90IGEgcmVhbCBvbmU=";
  fs::permissions(secret_file_, fs::perms::owner_read | fs::perms::owner_write);  // tcfeed refuses a readable one
  const std::string port_file = dir_ + "/port";
  std::vector<std::string> argv_text{TCFEED_TEST_SANDBOX_BINARY,
                                     "--cert",
                                     pki().dir + "/server.pem",
                                     "--key",
                                     pki().dir + "/server.key",
                                     "--listen",
                                     "127.0.0.1:0",
                                     "--port-file",
                                     port_file,
                                     "--access-id",
                                     kAccessId,
                                     "--secret-file",
                                     secret_file_};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& arg : argv_text) argv.push_back(arg.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  const std::string out_file = dir_ + "/sandbox.out", log_file = dir_ + "/sandbox.log";
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  const int spawned = ::posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    pid_ = -1;
    stop();
    throw std::runtime_error(std::string("cannot start ") + TCFEED_TEST_SANDBOX_BINARY);
  }
  // The sandbox writes the port file by rename: once it exists, it is complete.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!fs::exists(port_file)) {
    int status = 0;
    const bool exited = ::waitpid(pid_, &status, WNOHANG) == pid_;
    if (exited || std::chrono::steady_clock::now() > give_up) {
      if (exited) pid_ = -1;
      const std::string output = log();
      stop();
      throw std::runtime_error("tcfeed-sandbox did not start:\n" + output);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  port_ = static_cast<std::uint16_t>(std::stoi(read_file(port_file)));
}

SandboxProcess::~SandboxProcess() { stop(); }

void SandboxProcess::stop() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  if (!dir_.empty()) {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
    dir_.clear();
  }
}

std::string SandboxProcess::base_url() const { return "https://localhost:" + std::to_string(port_) + "/api"; }

const std::string& SandboxProcess::ca_file() const {
  static const std::string file = pki().dir + "/ca.pem";
  return file;
}

std::string SandboxProcess::log() const { return read_file(dir_ + "/sandbox.log"); }

std::string SandboxProcess::request(const std::string& method, const std::string& target, const std::string& body) {
  net::ClientOptions options;
  options.host = "localhost";
  options.port = port_;
  options.ca_file = ca_file();
  net::HttpsClient client(options);
  net::HttpRequest request;
  request.method = method;
  request.target = target;
  request.body = body;
  if (!body.empty()) request.headers.push_back({"Content-Type", "application/json"});
  const auto response = client.send(request);
  if (response.status != 200) {
    throw std::runtime_error(method + " " + target + ": HTTP " + std::to_string(response.status) + ": " +
                             response.body);
  }
  return response.body;
}

void SandboxProcess::add_faults(const std::string& json) { request("POST", "/_sandbox/faults", json); }

void SandboxProcess::clear_faults() { request("DELETE", "/_sandbox/faults", {}); }

std::string SandboxProcess::get(const std::string& target) { return request("GET", target, {}); }

int SandboxProcess::requests_to(const std::string& path) {
  const std::string stats = get("/_sandbox/stats");
  simdjson::dom::parser parser;
  std::int64_t count = 0;
  if (parser.parse(stats)["paths"][path].get(count)) return 0;
  return static_cast<int>(count);
}

}  // namespace tcfeed::testing
