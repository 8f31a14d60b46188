#pragma once
// The sinks of bench/urlhaus_hot_path_bench: each stage does what the pipeline does per candidate
// up to that point, with the buffers a streaming pipeline would keep and reuse.
#include <cstddef>
#include <string>
#include <string_view>

#include "lib/indicators/tag_set.hpp"
#include "lib/pipeline/connector/connector.hpp"

namespace tcfeed::bench {

enum class Stage { Map, Normalize, Serialize };

struct SinkCounts {
  std::size_t candidates = 0;
  std::size_t accepted = 0;  // normalized without a reject
  std::size_t rejected = 0;
  std::size_t unmapped = 0;
  std::size_t json_bytes = 0;  // serialized, over all batches
  std::size_t batches = 0;
};

class StageSink final : public pipeline::CandidateSink {
 public:
  explicit StageSink(Stage stage);

  void accept(const pipeline::Candidate& candidate) override;
  void unmapped(pipeline::Unmapped reason) override;

  SinkCounts counts() const;

 private:
  void serialize(const pipeline::Candidate& candidate);
  void flush();

  Stage stage_;
  SinkCounts counts_;
  std::string normalized_;
  std::string batch_;  // one batch document, cleared (capacity kept) when it reaches the limits
  std::size_t in_batch_ = 0;
  indicators::TagSet tags_;
};

}  // namespace tcfeed::bench
