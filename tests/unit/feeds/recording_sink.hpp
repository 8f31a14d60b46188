#pragma once
// A CandidateSink that writes what it gets as golden-file lines: "TYPE<TAB>value<TAB>tag|tag" and
// "unmapped<TAB>reason".
#include <string>
#include <vector>

#include "lib/indicators/indicator_type.hpp"
#include "lib/pipeline/connector/connector.hpp"

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
    lines.push_back(std::move(line));
  }
  void unmapped(pipeline::Unmapped reason) override {
    lines.push_back("unmapped\t" + std::string(pipeline::unmapped_code(reason)));
  }

  std::vector<std::string> lines;
};

}  // namespace tcfeed::testing_support
