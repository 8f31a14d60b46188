#include "tests/support/sandbox_process.hpp"

#include <signal.h>

#include <simdjson.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "lib/net/https_client.hpp"
#include "tests/support/child_process.hpp"

namespace tcfeed::testing {
namespace {

namespace fs = std::filesystem;

std::string make_temp_dir(const char* prefix) {
  std::string pattern = (fs::temp_directory_path() / (std::string(prefix) + "XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
  return pattern;
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

SandboxProcess::SandboxProcess(const std::vector<std::string>& args) : child_("tcfeed-test-sandbox-", SIGTERM) {
  secret_file_ = child_.dir() + "/secret_key";
  std::ofstream(secret_file_) << "c2FuZGJveCB0ZXN0IHNlY3JldCwgbm90IGEgcmVhbCBvbmU=";
  fs::permissions(secret_file_, fs::perms::owner_read | fs::perms::owner_write);  // tcfeed refuses a readable one
  const std::string port_file = child_.dir() + "/port";
  std::vector<std::string> argv{TCFEED_TEST_SANDBOX_BINARY,
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
  argv.insert(argv.end(), args.begin(), args.end());
  child_.spawn(std::move(argv), "sandbox.out", "sandbox.log");
  // The sandbox writes the port file by rename: once it exists, it is complete.
  child_.wait_until([&] { return fs::exists(port_file); }, std::chrono::seconds(10), "tcfeed-sandbox did not start",
                    "sandbox.log");
  port_ = static_cast<std::uint16_t>(std::stoi(child_.read("port")));
}

std::string SandboxProcess::base_url() const { return "https://localhost:" + std::to_string(port_) + "/api"; }

const std::string& SandboxProcess::ca_file() const {
  static const std::string file = pki().dir + "/ca.pem";
  return file;
}

std::string SandboxProcess::log() const { return child_.read("sandbox.log"); }

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
