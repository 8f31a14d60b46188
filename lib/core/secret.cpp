#include "lib/core/secret.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <openssl/crypto.h>

namespace tcfeed {
namespace {

constexpr std::size_t kMaxSecretBytes = 64 * 1024;

bool is_under(const std::filesystem::path& path, const std::filesystem::path& dir) {
  if (dir.empty()) return false;
  const auto relative = path.lexically_normal().lexically_relative(dir.lexically_normal());
  return !relative.empty() && *relative.begin() != "..";
}

std::string trim_newlines(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

Secret read_secret_file(const std::filesystem::path& path, bool runtime_managed) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    throw SecretError("cannot read secret file " + path.string() + ": " + std::strerror(errno));
  }
  if (!S_ISREG(info.st_mode)) {
    throw SecretError("secret file " + path.string() + " is not a regular file");
  }
  if (!runtime_managed && (info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    throw SecretError("secret file " + path.string() + " is accessible by group or others; run: chmod 600 " +
                      path.string());
  }
  if (static_cast<std::size_t>(info.st_size) > kMaxSecretBytes) {
    throw SecretError("secret file " + path.string() + " is larger than 64 KiB");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SecretError("cannot open secret file " + path.string());
  std::ostringstream content;
  content << in.rdbuf();
  std::string value = trim_newlines(content.str());
  if (value.empty()) throw SecretError("secret file " + path.string() + " is empty");
  return Secret(std::move(value));
}

}  // namespace

Secret::~Secret() {
  if (!value_.empty()) OPENSSL_cleanse(value_.data(), value_.size());
}

Secret read_secret(const SecretRef& ref) {
  const char* credentials_env = std::getenv("CREDENTIALS_DIRECTORY");
  const std::filesystem::path credentials_dir = credentials_env ? credentials_env : "";
  switch (ref.kind) {
    case SecretRef::Kind::Env: {
      const char* value = std::getenv(ref.location.c_str());
      if (value == nullptr || *value == '\0') {
        throw SecretError("environment variable " + ref.location + " is not set or empty");
      }
      return Secret(trim_newlines(value));
    }
    case SecretRef::Kind::Credential: {
      if (credentials_dir.empty()) {
        throw SecretError("credential " + ref.location +
                          " requested but $CREDENTIALS_DIRECTORY is not set (LoadCredential= in "
                          "the unit)");
      }
      if (ref.location.find('/') != std::string::npos) {
        throw SecretError("credential name " + ref.location + " must not contain '/'");
      }
      return read_secret_file(credentials_dir / ref.location, true);
    }
    case SecretRef::Kind::File: {
      const std::filesystem::path path = std::filesystem::absolute(ref.location);
      const bool runtime_managed = is_under(path, credentials_dir) || is_under(path, "/run/secrets");
      return read_secret_file(path, runtime_managed);
    }
  }
  throw SecretError("unknown secret reference kind");
}

}  // namespace tcfeed
