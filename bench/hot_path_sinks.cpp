#include "bench/hot_path_sinks.hpp"

#include "lib/core/json_writer.hpp"
#include "lib/indicators/normalize.hpp"

namespace tcfeed::bench {
namespace {

// The batch defaults (docs/threatconnect.md, Limits): 5,000 indicators or 1,900,000 bytes per upload.
constexpr std::size_t kMaxIndicators = 5000;
constexpr std::size_t kMaxBytes = 1'900'000;
constexpr std::string_view kDocumentOpen = R"({"indicator":[)";
// The urlhaus connector type's stripped_tags.
const std::string kStrippedNames[] = {"abuse.ch", "URLhaus", "urlhaus"};

}  // namespace

StageSink::StageSink(Stage stage) : stage_(stage) {
  batch_.reserve(kMaxBytes + 64 * 1024);
  batch_.append(kDocumentOpen);
}

void StageSink::unmapped(pipeline::Unmapped) { ++counts_.unmapped; }

void StageSink::accept(const pipeline::Candidate& candidate) {
  ++counts_.candidates;
  if (stage_ == Stage::Map) return;
  if (indicators::normalize(candidate.type, candidate.value, normalized_) != indicators::Reject::None) {
    ++counts_.rejected;
    return;
  }
  ++counts_.accepted;
  if (stage_ == Stage::Serialize) serialize(candidate);
}

void StageSink::serialize(const pipeline::Candidate& candidate) {
  if (in_batch_ > 0) batch_ += ',';
  JsonWriter json(batch_);
  json.begin_object();
  json.member("type", indicators::type_name(candidate.type));
  json.member("summary", normalized_);
  json.member("rating", candidate.rating.value_or(0));
  json.member("confidence", candidate.confidence.value_or(0));
  // As the collector does: cleaned, deduplicated, the feed's own names dropped.
  tags_.clear();
  for (const std::string_view raw : candidate.tags) tags_.add(raw, kStrippedNames);
  if (!tags_.empty()) {
    json.key("tag").begin_array();
    for (std::size_t i = 0; i < tags_.size(); ++i) json.begin_object().member("name", tags_[i]).end_object();
    json.end_array();
  }
  bool attributes = false;
  for (const auto& [type, value] : candidate.attributes) {
    if (type.empty() || value.empty()) continue;
    if (!attributes) json.key("attribute").begin_array();
    attributes = true;
    json.begin_object().member("type", type).member("value", value).end_object();
  }
  if (attributes) json.end_array();
  json.end_object();
  if (++in_batch_ >= kMaxIndicators || batch_.size() >= kMaxBytes) flush();
}

void StageSink::flush() {
  batch_ += "]}";
  counts_.json_bytes += batch_.size();
  ++counts_.batches;
  batch_.clear();
  batch_.append(kDocumentOpen);
  in_batch_ = 0;
}

SinkCounts StageSink::counts() const {
  SinkCounts counts = counts_;
  if (in_batch_ > 0) {
    counts.json_bytes += batch_.size() + 2;
    ++counts.batches;
  }
  return counts;
}

}  // namespace tcfeed::bench
