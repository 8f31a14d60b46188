#pragma once
// Shared by the generic and MalwareBazaar connector tests: a sink that writes golden-file lines
// (rating, confidence and attributes too), fixture paths, and connectors built from YAML through
// the real config loader and registry, so errors carry file:line.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "connectors/builtin_connectors.hpp"
#include "lib/config/config.hpp"
#include "lib/pipeline/connector/connector_registry.hpp"
#include "tests/support/left_out_by_design.hpp"

namespace tcfeed::testing_support {

// "TYPE<TAB>value<TAB>tag|tag[<TAB>rating=N][<TAB>confidence=N][<TAB>attr=Type:Value]...",
// "unmapped<TAB>reason".
class GoldenSink final : public pipeline::CandidateSink {
 public:
  void accept(const pipeline::Candidate& candidate) override {
    std::string line(indicators::type_name(candidate.type));
    line += "\t";
    line += candidate.value;
    line += "\t";
    for (std::size_t i = 0; i < candidate.tags.size(); ++i) {
      if (i > 0) line += "|";
      line += candidate.tags[i];
    }
    if (candidate.rating) line += "\trating=" + std::to_string(*candidate.rating);
    if (candidate.confidence) line += "\tconfidence=" + std::to_string(*candidate.confidence);
    for (const auto& [type, value] : candidate.attributes) {
      line += "\tattr=" + std::string(type) + ":" + std::string(value);
    }
    lines.push_back(std::move(line));
  }
  void unmapped(pipeline::Unmapped reason) override {
    // What an incremental poll leaves out by design is counted apart, so the lines stay the
    // records a poll had to decide about.
    if (left_out_by_design(reason)) {
      ++left_out[std::string(pipeline::unmapped_code(reason))];
      return;
    }
    lines.push_back("unmapped\t" + std::string(pipeline::unmapped_code(reason)));
  }

  std::vector<std::string> lines;
  std::map<std::string, std::size_t> left_out;
};

inline std::string fixture_path(const std::string& relative) {
  const char* dir = std::getenv("TCFEED_SOURCE_DIR");
  return std::string(dir ? dir : ".") + "/tests/fixtures/" + relative;
}

inline std::vector<std::string> golden(const std::string& relative) {
  std::ifstream in(fixture_path(relative));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Writes a full config with one connector (`body`: its type-specific lines, indented 4 spaces)
// into a temporary directory, loads it and builds the connector through the built-in registry.
class YamlConnector {
 public:
  YamlConnector() {
    dir_ = std::filesystem::temp_directory_path() /
           ("tcfeed-generic-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::create_directories(dir_);
    secret_ = (dir_ / "secret").string();
    std::ofstream(secret_) << "EXAMPLEsecret\n";
    ::chmod(secret_.c_str(), 0600);
  }
  ~YamlConnector() { std::filesystem::remove_all(dir_); }
  YamlConnector(const YamlConnector&) = delete;
  YamlConnector& operator=(const YamlConnector&) = delete;

  // Throws config::ConfigError.
  std::unique_ptr<pipeline::Connector> build(const std::string& type, const std::string& body) {
    path_ = (dir_ / "tcfeed.yaml").string();
    std::ofstream(path_) << "threatconnect:\n"
                            "  base_url: https://app.threatconnect.com/api\n"
                            "  access_id: \"12345678901234567890\"\n"
                            "  secret_key_file: "
                         << secret_
                         << "\n"
                            "connectors:\n"
                            "  - name: test\n"
                            "    type: "
                         << type
                         << "\n"
                            "    owner: Example\n"
                         << body;
    const auto& registry = pipeline::builtin_connectors();
    config_ = config::load_config(path_, registry.keys_lookup());
    return registry.create(config_.connectors.at(0), config_);
  }

  // The ConfigError's message, or "" when the connector was built.
  std::string error_of(const std::string& type, const std::string& body) {
    try {
      build(type, body);
    } catch (const config::ConfigError& error) {
      return error.what();
    }
    return {};
  }

  const std::string& path() const { return path_; }
  const config::Config& config() const { return config_; }

 private:
  static inline int counter_ = 0;
  std::filesystem::path dir_;
  std::string secret_;
  std::string path_;
  config::Config config_;
};

struct Polled {
  pipeline::PollResult result;
  std::vector<std::string> lines;
  std::map<std::string, std::size_t> left_out;
};

inline Polled poll(pipeline::Connector& connector, const state::Cursor& cursor = {}) {
  GoldenSink sink;
  Polled out{connector.poll(cursor, sink), {}, {}};
  out.lines = std::move(sink.lines);
  out.left_out = std::move(sink.left_out);
  return out;
}

}  // namespace tcfeed::testing_support
