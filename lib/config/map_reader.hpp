#pragma once
// Typed, located access to one YAML mapping. Every key read is remembered; finish() turns any key
// nobody asked for into an error, so a typo ("evrey: 15m") never passes silently.
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "lib/config/config_error.hpp"
#include "lib/config/located_value.hpp"
#include "lib/core/duration.hpp"
#include "lib/core/secret.hpp"

namespace tcfeed::config {

class MapReader {
 public:
  // `node` must be a mapping (or null/absent, read as empty). `path` is its YAML path, "" at the root.
  MapReader(YAML::Node node, std::string file, std::string path);

  bool has(std::string_view key) const;
  std::optional<std::string> string(std::string_view key);
  std::string required_string(std::string_view key);
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max);
  std::optional<bool> boolean(std::string_view key);
  std::optional<Duration> duration(std::string_view key);
  std::vector<std::string> string_list(std::string_view key);
  // Like string_list, each entry with its line (1-based).
  std::vector<LocatedValue> located_list(std::string_view key);
  // A sub-mapping; absent reads as empty.
  MapReader map(std::string_view key);
  // The raw node (marked as read), for sequences the caller walks itself.
  YAML::Node raw(std::string_view key);

  // Secrets by reference only: `<name>_file`, `<name>_env` or `<name>_credential`, at most one.
  // An inline `<name>` is an error that says how to fix it.
  std::optional<SecretRef> secret(std::string_view name);

  // Marks keys as handled elsewhere (e.g. by a connector's own schema).
  void accept(std::string_view key);
  void finish() const;

  [[noreturn]] void fail(std::string_view key, const std::string& message) const;
  [[noreturn]] void fail_here(const std::string& message) const;
  std::string key_path(std::string_view key) const;
  const std::string& file() const { return file_; }
  const std::string& path() const { return path_; }
  const YAML::Node& node() const { return node_; }

 private:
  YAML::Node value(std::string_view key);

  YAML::Node node_;
  std::string file_;
  std::string path_;
  std::set<std::string, std::less<>> read_;
};

// "10%" or "0.1" as a fraction in [0, 1]; a located error otherwise.
double read_fraction(MapReader& reader, std::string_view key, const std::string& text);

// The secret `ref` names (read for key `name`_file/_env/_credential); a located error when unreadable.
Secret load_secret(MapReader& reader, std::string_view name, const SecretRef& ref);

// "FILE:LINE: PATH: message" for a node (line numbers are 1-based).
[[noreturn]] void fail_at(const std::string& file, const YAML::Node& node, const std::string& path,
                          const std::string& message);

}  // namespace tcfeed::config
