#pragma once
// `--dry-run DIR`: each upload document is written to DIR as `<connector>-NNNNN.json`, exactly as
// it would be uploaded; nothing is sent and the state file is never written.
#include <cstddef>
#include <string>

#include "lib/pipeline/stream/indicator_stream.hpp"

namespace tcfeed::pipeline {

class DryRunSink final : public BatchSink {
 public:
  DryRunSink(std::string dir, std::string connector);
  void batch(std::string_view document, std::size_t indicators, std::span<const state::SeenEntry> seen) override;

 private:
  std::string dir_;
  std::string connector_;
  std::size_t number_ = 0;
};

}  // namespace tcfeed::pipeline
