// libFuzzer target for the STIX objects reader and indicator mapper (connectors/taxii): any bytes
// as a TAXII envelope or STIX bundle; the first byte picks the bundle file's filters (none, a
// backfill, a cursor) and, when even, reads groups and relationships (stix_groups.hpp, with small
// bounds so that they are reached). Checks that nothing crashes, that every candidate is one of the pattern's
// types with a value and a confidence within 0–100, and that every reason is one the table lists.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "connectors/taxii/stix_objects_reader.hpp"
#include "lib/pipeline/source/source_fetch.hpp"

namespace {

using namespace tcfeed;
using indicators::IndicatorType;

class CheckingSink final : public pipeline::CandidateSink {
 public:
  void accept(const pipeline::Candidate& candidate) override {
    switch (candidate.type) {
      case IndicatorType::Address:
      case IndicatorType::CIDR:
      case IndicatorType::Host:
      case IndicatorType::URL:
      case IndicatorType::EmailAddress:
      case IndicatorType::File: break;
      default: std::abort();
    }
    if (candidate.confidence && (*candidate.confidence < 0 || *candidate.confidence > 100)) std::abort();
    if (candidate.tags.size() > 64 || candidate.attack_techniques.size() > 32) std::abort();
    if (candidate.groups.size() > 4) std::abort();
    for (const auto& group : candidate.groups) {
      if (group.name.empty() || group.source_id.empty()) std::abort();
    }
  }
  void unmapped(pipeline::Unmapped reason) override {
    if (pipeline::unmapped_from_code(pipeline::unmapped_code(reason)) != reason) std::abort();
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  connectors::taxii::StixMapOptions options;
  options.now = *connectors::taxii::parse_stix_time("2026-01-10T12:00:00Z");
  if (data[0] % 3 == 1) options.not_before = connectors::taxii::parse_stix_time("2026-01-01T00:00:00Z");
  if (data[0] % 3 == 2) options.after = connectors::taxii::parse_stix_time("2026-01-05T00:00:00.5Z");
  options.pattern_limits.max_bytes = 4096;
  connectors::taxii::StixMapper mapper(options);
  CheckingSink sink;
  pipeline::StringSource source(std::string(reinterpret_cast<const char*>(data + 1), size - 1));
  connectors::taxii::StixGroupLimits limits;
  limits.max_held = 8;
  limits.max_groups = 8;
  limits.max_links = 16;
  limits.max_groups_per_indicator = 4;
  connectors::taxii::StixGroups groups(sink, limits);
  const bool with_groups = data[0] % 2 == 0;
  try {
    connectors::taxii::read_stix_objects(source, mapper, sink, 64 * 1024, with_groups ? &groups : nullptr);
  } catch (const pipeline::SourceError&) {
  }
  groups.finish();
  return 0;
}
