#pragma once
// Fixture paths and golden files for the abuse.ch connector tests.
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "lib/config/config.hpp"

namespace tcfeed::testing_support {

inline std::string fixture_path(const std::string& feed, const std::string& name) {
  const char* dir = std::getenv("TCFEED_SOURCE_DIR");
  return std::string(dir ? dir : ".") + "/tests/fixtures/" + feed + "/" + name;
}

inline std::vector<std::string> golden(const std::string& feed, const std::string& name) {
  std::ifstream in(fixture_path(feed, name));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

inline config::ConnectorConfig connector_config(const std::string& type, const std::string& yaml) {
  config::ConnectorConfig connector;
  connector.name = type + "-test";
  connector.type = type;
  connector.owner = "Acme";
  connector.node = YAML::Load(yaml);
  connector.yaml_path = "connectors[0]";
  return connector;
}

}  // namespace tcfeed::testing_support
