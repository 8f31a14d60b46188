#pragma once
// A CandidateSink that writes what it gets as golden-file lines:
// "TYPE<TAB>value<TAB>tag|tag[<TAB>rating=N][<TAB>confidence=N][<TAB>attr=Type:Value]...
// [<TAB>attack=T|T][<TAB>tactic=X][<TAB>benign]" and "unmapped<TAB>reason". Every field a connector can set is in the
// line, so a golden file checks all of it (an attribute left out here would go unchecked however wrong it became).
#include <map>
#include <string>
#include <vector>

#include "lib/indicators/indicator_type.hpp"
#include "lib/pipeline/connector/connector.hpp"
#include "tests/support/left_out_by_design.hpp"

namespace tcfeed::testing_support {

class RecordingSink final : public pipeline::CandidateSink {
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
    for (std::size_t i = 0; i < candidate.attack_techniques.size(); ++i) {
      line += i == 0 ? "\tattack=" : "|";
      line += candidate.attack_techniques[i];
    }
    if (candidate.attack_tactic) line += "\ttactic=" + std::string(*candidate.attack_tactic);
    if (candidate.benign) line += "\tbenign";
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

}  // namespace tcfeed::testing_support
