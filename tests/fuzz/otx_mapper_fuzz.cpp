// libFuzzer target for the OTX page reader and pulse mapper (connectors/otx): any bytes as a page
// of subscribed pulses; the first byte picks the options (a backfill or a cursor, groups on or
// off). Checks that nothing crashes, that every candidate is one of the mapped types with a value,
// that the bounds on tags, ATT&CK ids and the Report's Description hold, and that every reason is
// one the table lists.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "connectors/otx/otx_page_reader.hpp"
#include "lib/pipeline/source/source_fetch.hpp"

namespace {

using namespace tcfeed;
using indicators::IndicatorType;

constexpr std::size_t kMaxDescription = 64;

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
    if (candidate.value.empty()) std::abort();
    if (candidate.tags.size() > 8 || candidate.attack_techniques.size() > 4) std::abort();
    if (candidate.groups.size() > 1) std::abort();
    for (const auto& group : candidate.groups) {
      if (group.type != indicators::GroupType::Report || group.name.empty() || group.source_id.empty()) std::abort();
      for (const auto& [name, value] : group.attributes) {
        if (name == "Description" && value.size() > kMaxDescription) std::abort();
      }
    }
  }
  void unmapped(pipeline::Unmapped reason) override {
    if (pipeline::unmapped_from_code(pipeline::unmapped_code(reason)) != reason) std::abort();
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  connectors::otx::OtxMapOptions options;
  options.now = *connectors::otx::parse_otx_time("2026-01-10T12:00:00");
  if (data[0] % 3 == 1) options.not_before = connectors::otx::parse_otx_time("2026-01-01T00:00:00");
  if (data[0] % 3 == 2) {
    options.not_before = connectors::otx::parse_otx_time("2026-01-05T00:00:00.5");
    options.before_reason = pipeline::Unmapped::AlreadyRead;
  }
  options.groups = (data[0] & 4) == 0;
  options.max_tags = 8;
  options.max_techniques = 4;
  options.max_description = kMaxDescription;
  connectors::otx::OtxMapper mapper(options);
  CheckingSink sink;
  pipeline::StringSource source(std::string(reinterpret_cast<const char*>(data + 1), size - 1));
  try {
    connectors::otx::read_pulse_page(source, mapper, sink, 64 * 1024);
  } catch (const pipeline::SourceError&) {
  }
  return 0;
}
