#include "lib/pipeline/engine/config_diff.hpp"

#include <algorithm>
#include <set>

namespace tcfeed::pipeline {
namespace {

// Equal YAML content: mappings by key (their order in the file does not matter), sequences by
// position, scalars by text.
bool same_yaml(const YAML::Node& a, const YAML::Node& b) {
  if (!a.IsDefined() || !b.IsDefined()) return a.IsDefined() == b.IsDefined();
  if (a.Type() != b.Type()) return false;
  switch (a.Type()) {
    case YAML::NodeType::Scalar: return a.Scalar() == b.Scalar();
    case YAML::NodeType::Sequence: {
      if (a.size() != b.size()) return false;
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (!same_yaml(a[i], b[i])) return false;
      }
      return true;
    }
    case YAML::NodeType::Map: {
      if (a.size() != b.size()) return false;
      for (const auto& entry : a) {
        const std::string key = entry.first.as<std::string>();
        if (!b[key].IsDefined() || !same_yaml(entry.second, b[key])) return false;
      }
      return true;
    }
    default: return true;  // Null or Undefined on both sides
  }
}

std::set<std::string> keys_of(const YAML::Node& map) {
  std::set<std::string> keys;
  if (!map.IsMap()) return keys;
  for (const auto& entry : map) keys.insert(entry.first.as<std::string>());
  return keys;
}

// The keys of two mappings that differ, one level into a nested mapping ("schedule.every").
void changed_keys(const YAML::Node& a, const YAML::Node& b, const std::string& prefix,
                  const std::set<std::string>& skip, std::vector<std::string>& out, bool descend = true) {
  std::set<std::string> keys = keys_of(a);
  keys.merge(keys_of(b));
  for (const auto& key : keys) {
    if (skip.contains(key)) continue;
    const YAML::Node left = a.IsMap() ? a[key] : YAML::Node();
    const YAML::Node right = b.IsMap() ? b[key] : YAML::Node();
    if (same_yaml(left, right)) continue;
    if (descend && left.IsMap() && right.IsMap()) {
      changed_keys(left, right, prefix + key + ".", {}, out, false);
    } else {
      out.push_back(prefix + key);
    }
  }
}

const config::ConnectorConfig* find(const config::Config& config, const std::string& name) {
  for (const auto& connector : config.connectors) {
    if (connector.name == name) return &connector;
  }
  return nullptr;
}

}  // namespace

ConfigDiff diff_configs(const config::Config& running, const config::Config& next) {
  ConfigDiff diff;
  const std::set<std::string> daemon_only = {"http", "log_level", "log_format", "shutdown_grace"};
  std::vector<std::string> global;
  // Exports are the daemon's export service's, read at start (docs/exports.md): not the engine's.
  changed_keys(running.node, next.node, "", {"connectors", "exports"}, global);
  for (auto& key : global) {
    const std::string top = key.substr(0, key.find('.'));
    (daemon_only.contains(top) ? diff.daemon_keys : diff.engine_keys).push_back(std::move(key));
  }
  // Secrets are read at load: the same reference may now hold a rotated key.
  const auto secret_changed = [&](const char* name, const Secret& a, const Secret& b) {
    if (a.reveal() != b.reveal()) diff.engine_keys.push_back(std::string("threatconnect.") + name + " (its content)");
  };
  secret_changed("secret_key", running.threatconnect.secret_key, next.threatconnect.secret_key);
  secret_changed("api_token", running.threatconnect.api_token, next.threatconnect.api_token);
  secret_changed("proxy_password", running.threatconnect.proxy_password, next.threatconnect.proxy_password);

  for (const auto& connector : next.connectors) {
    const config::ConnectorConfig* before = find(running, connector.name);
    if (before == nullptr) {
      diff.connectors.push_back({connector.name, ConnectorChange::Kind::Added, {}});
      continue;
    }
    std::vector<std::string> keys;
    changed_keys(before->node, connector.node, "", {}, keys);
    if (keys.empty()) {
      diff.unchanged.push_back(connector.name);
    } else {
      diff.connectors.push_back({connector.name, ConnectorChange::Kind::Changed, std::move(keys)});
    }
  }
  for (const auto& connector : running.connectors) {
    if (find(next, connector.name) == nullptr) {
      diff.connectors.push_back({connector.name, ConnectorChange::Kind::Removed, {}});
    }
  }
  return diff;
}

std::string describe(const ConnectorChange& change) {
  switch (change.kind) {
    case ConnectorChange::Kind::Added: return "added";
    case ConnectorChange::Kind::Removed: return "removed";
    case ConnectorChange::Kind::Changed: break;
  }
  std::string keys;
  for (const auto& key : change.keys) keys += (keys.empty() ? "" : ", ") + key;
  return "changed (" + keys + ")";
}

}  // namespace tcfeed::pipeline
