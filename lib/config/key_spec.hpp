#pragma once
// One documented configuration key of a connector type: its schema for validation and its line in
// `tcfeed connectors`.
#include <string>

namespace tcfeed::config {

struct KeySpec {
  std::string name;
  std::string kind;           // "string", "url", "duration", "list", "secret", ...
  std::string default_value;  // "" when required or when there is no default
  std::string description;
  bool required = false;
};

}  // namespace tcfeed::config
