#pragma once
// A CandidateSink that writes what it gets as golden-file lines:
// "TYPE<TAB>value<TAB>tag|tag<TAB>confidence<TAB>Name=value;Name=value" ("-"
// for no confidence) and "unmapped<TAB>reason".
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lib/indicators/indicator_type.hpp"
#include "lib/pipeline/connector/connector.hpp"
#include "tests/support/left_out_by_design.hpp"

namespace tcfeed::testing_support {

class AbusechSink final : public pipeline::CandidateSink {
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
    line += "\t";
    line += candidate.confidence ? std::to_string(*candidate.confidence) : "-";
    line += "\t";
    for (std::size_t i = 0; i < candidate.attributes.size(); ++i) {
      if (i > 0) line += ";";
      line += candidate.attributes[i].first;
      line += "=";
      line += candidate.attributes[i].second;
    }
    lines.push_back(std::move(line));
    actives.push_back(candidate.active);
    std::string group_line;
    for (const auto& group : candidate.groups) {
      if (!group_line.empty()) group_line += "|";
      group_line += std::string(indicators::group_type_name(group.type)) + ":" + std::string(group.name) + ":" +
                    std::string(group.source_id);
    }
    groups.push_back(std::move(group_line));
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
  std::vector<std::optional<bool>> actives;  // per candidate, in order
  std::vector<std::string> groups;           // per candidate: "Type:name:source id|…"
  std::map<std::string, std::size_t> left_out;
};

}  // namespace tcfeed::testing_support
