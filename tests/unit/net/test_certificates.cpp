#include "tests/unit/net/test_certificates.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace tcfeed::net::testing {
namespace {

namespace fs = std::filesystem;

// EC keys: generating RSA keys would dominate the test run.
constexpr const char* kNewKey = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";

class Pki {
 public:
  Pki() {
    std::string pattern = (fs::temp_directory_path() / "tcfeed-net-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      throw std::runtime_error("mkdtemp failed for " + pattern);
    }
    dir_ = pattern;
    write("index.txt", "");
    write("serial", "1000\n");
    // `openssl ca`, unlike `openssl x509 -req` in OpenSSL 3.0, takes an explicit validity
    // period, which is the only way to make an already expired certificate.
    write("ca.cnf", "[ca]\ndefault_ca = test_ca\n[test_ca]\ndatabase = " + path("index.txt") +
                        "\nnew_certs_dir = " + dir_.string() + "\nserial = " + path("serial") +
                        "\ndefault_md = sha256\npolicy = any\nunique_subject = no\n"
                        "[any]\ncommonName = supplied\n");
    run("openssl req -x509 " + std::string(kNewKey) + " -keyout " + path("ca.key") + " -out " + path("ca.pem") +
        " -days 2 -subj /CN=tcfeed-test-ca" +
        " -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign");
    certificates_.ca_file = path("ca.pem");
    certificates_.localhost = leaf("localhost", "DNS:localhost,IP:127.0.0.1", "-days 2");
    certificates_.wrong_host = leaf("wrong", "DNS:wrong.example", "-days 2");
    certificates_.expired =
        leaf("expired", "DNS:localhost,IP:127.0.0.1", "-startdate 20200101000000Z -enddate 20200102000000Z");
  }

  ~Pki() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  Pki(const Pki&) = delete;
  Pki& operator=(const Pki&) = delete;

  const TestCertificates& certificates() const { return certificates_; }

 private:
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  void write(const std::string& name, const std::string& text) const { std::ofstream(dir_ / name) << text; }

  void run(const std::string& command) const {
    const std::string log = path("openssl.log");
    if (std::system((command + " >" + log + " 2>&1").c_str()) != 0) {
      std::stringstream output;
      output << std::ifstream(log).rdbuf();
      throw std::runtime_error("failed: " + command + "\n" + output.str());
    }
  }

  KeyPair leaf(const std::string& name, const std::string& alt_names, const std::string& validity) const {
    write(name + ".ext", "subjectAltName=" + alt_names + "\n");
    run("openssl req " + std::string(kNewKey) + " -keyout " + path(name + ".key") + " -out " + path(name + ".csr") +
        " -subj /CN=" + name);
    run("openssl ca -batch -notext -config " + path("ca.cnf") + " -cert " + path("ca.pem") + " -keyfile " +
        path("ca.key") + " -in " + path(name + ".csr") + " -out " + path(name + ".pem") + " -extfile " +
        path(name + ".ext") + " " + validity);
    return {path(name + ".pem"), path(name + ".key")};
  }

  fs::path dir_;
  TestCertificates certificates_;
};

}  // namespace

const TestCertificates& test_certificates() {
  static const Pki pki;
  return pki.certificates();
}

}  // namespace tcfeed::net::testing
