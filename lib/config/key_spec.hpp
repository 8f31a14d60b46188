#pragma once
// One documented configuration key of a connector type: its schema for validation and its line in
// `tcfeed connectors`. A default is written from the value the code falls back to (the settings
// struct's member, a constant), never as a second literal: the two drifted before.
#include <string>

namespace tcfeed::config {

struct KeySpec {
  std::string name;
  std::string kind;           // "string", "url", "duration", "list", "secret", ...
  std::string default_value;  // "" when required or when there is no default
  std::string description;
  bool required = false;
};

// A bool default as YAML writes it.
inline std::string bool_text(bool value) { return value ? "true" : "false"; }

}  // namespace tcfeed::config
