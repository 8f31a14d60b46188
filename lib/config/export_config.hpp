#pragma once
// The `exports:` section (docs/exports.md): lists of a chosen set of owners' indicators, read back
// from ThreatConnect and served to firewalls, proxies and SIEMs. Read and checked with the rest of
// the file, with file:line errors; `export_keys()` documents every key.
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "lib/config/key_spec.hpp"
#include "lib/config/located_value.hpp"
#include "lib/core/duration.hpp"
#include "lib/core/secret.hpp"
#include "lib/indicators/indicator_type.hpp"

namespace tcfeed::config {

enum class ExportFormat { Edl, Csv, Json };

// How an EDL writes a Host: as is, as `*.host` (PAN-OS wildcard for every name below it), or both lines.
enum class EdlHosts { AsIs, Wildcard, Both };

struct EdlOptions {
  EdlHosts hosts = EdlHosts::AsIs;
  bool collapse = false;  // adjacent Address entries merged into CIDR blocks
  bool comments = false;  // " # owner score" after each value (PAN-OS accepts a comment after a space)
};

// Who may fetch the list (docs/exports.md, Serving): nobody asked (default), a bearer token, or a
// basic user and password; the secret by reference, like every secret.
struct ExportAuth {
  enum class Kind { None, Bearer, Basic };
  Kind kind = Kind::None;
  std::string user;  // basic
  std::optional<SecretRef> ref;
  Secret secret;  // read at load; empty when secrets are not read
};

struct ExportConfig {
  std::string name;  // [a-z0-9-]+, served at /exports/NAME
  std::vector<std::string> owners;
  std::vector<indicators::IndicatorType> types;  // empty: every type
  std::optional<int> min_rating;
  std::optional<int> min_confidence;
  std::optional<int> min_threat_assess_score;
  std::vector<std::string> tags_any;
  std::string where;  // raw TQL, ANDed
  ExportFormat format = ExportFormat::Edl;
  std::optional<std::size_t> max_entries;
  Duration every = std::chrono::minutes(15);
  Duration full_every = std::chrono::hours(24);
  std::string file;           // written atomically after each refresh; empty: none
  double shrink_guard = 0.3;  // a refresh removing more than this fraction waits for a full read
  std::vector<LocatedValue> never;
  EdlOptions edl;
  ExportAuth auth;
  int line = 0;
};

// Reads the `exports` sequence (absent or null: none); each auth secret too when `read_secrets`.
// Throws ConfigError.
std::vector<ExportConfig> read_exports(const YAML::Node& node, const std::string& file, bool read_secrets);

// Every key of one export, for `tcfeed exports` style listings and the docs.
const std::vector<KeySpec>& export_keys();

std::string_view format_name(ExportFormat format);

}  // namespace tcfeed::config
