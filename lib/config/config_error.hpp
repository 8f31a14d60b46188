#pragma once
// A configuration problem, located: "FILE:LINE: YAML.PATH: what was expected". Exit code 2.
#include <stdexcept>
#include <string>

namespace tcfeed::config {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace tcfeed::config
