// libFuzzer target for the MISP event reader and mapper (connectors/misp): any bytes as a feed's
// `<uuid>.json`, walked by the streaming reader (lib/pipeline/format/json_walker.hpp) with its
// attributes held in a few hundred bytes of memory so that the temporary file, its rewinds for
// deleted objects and its replay run too; the first byte picks to_ids_only and groups. Checks that nothing crashes,
// that every candidate has a value of a type the mapping table names, that an event's group is an Event with a source
// id, and that every reason is one the table lists.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "connectors/misp/misp_event_reader.hpp"
#include "lib/pipeline/source/source_fetch.hpp"

namespace {

using namespace tcfeed;

class CheckingSink final : public pipeline::CandidateSink {
 public:
  void accept(const pipeline::Candidate& candidate) override {
    if (candidate.value.empty()) std::abort();
    if (candidate.type == indicators::IndicatorType::Hashtag) std::abort();
    if (candidate.tags.size() > 64 || candidate.attack_techniques.size() > 32) std::abort();
    for (const auto& tag : candidate.tags) {
      if (connectors::misp::is_machine_tag(tag)) std::abort();
    }
    for (const auto& group : candidate.groups) {
      if (group.type != indicators::GroupType::Event || group.source_id.empty() || group.name.empty()) std::abort();
    }
  }
  void unmapped(pipeline::Unmapped reason) override {
    if (pipeline::unmapped_from_code(pipeline::unmapped_code(reason)) != reason) std::abort();
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  connectors::misp::MispMapOptions options;
  options.to_ids_only = (data[0] & 1) != 0;
  options.groups = (data[0] & 2) != 0;
  connectors::misp::MispEventMapper mapper(options);
  CheckingSink sink;
  pipeline::StringSource source(std::string(reinterpret_cast<const char*>(data + 1), size - 1));
  try {
    connectors::misp::MispEventLimits limits;
    limits.max_event_bytes = 1 << 20;
    limits.max_attribute_bytes = 4096;
    limits.max_depth = 16;
    limits.memory_bytes = 256;
    connectors::misp::read_misp_event(source, mapper, sink, limits);
  } catch (const pipeline::SourceError&) {
  }
  return 0;
}
