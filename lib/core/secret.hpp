#pragma once
// Secrets are configured by reference only (docs/architecture.md, Configuration) and held in a type
// that cannot be printed by accident: there is no stream operator and no implicit conversion;
// reveal() is the one way out.
#include <stdexcept>
#include <string>
#include <string_view>

namespace tcfeed {

class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) : value_(std::move(value)) {}
  ~Secret();
  Secret(const Secret&) = default;
  Secret& operator=(const Secret&) = default;
  Secret(Secret&&) noexcept = default;
  Secret& operator=(Secret&&) noexcept = default;

  std::string_view reveal() const { return value_; }
  bool empty() const { return value_.empty(); }

 private:
  std::string value_;
};

// Where a secret comes from: `<name>_file`, `<name>_env` or `<name>_credential`.
struct SecretRef {
  enum class Kind { File, Env, Credential };
  Kind kind = Kind::File;
  std::string location;  // path, variable name or credential name; never secret itself
};

// Failure to read a secret; the message names the reference, never the content.
class SecretError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads the secret, trailing newline(s) removed. A file readable by group or others is refused
// except under $CREDENTIALS_DIRECTORY and /run/secrets, where the runtime sets the mode.
Secret read_secret(const SecretRef& ref);

}  // namespace tcfeed
