// libFuzzer target for the ThreatFox reader and mapper: the first byte picks
// the options, the rest is the feed (API JSON or CSV export, told apart by
// content as in production). Checks that nothing crashes and that every
// candidate keeps the mapper's promises: a value, a confidence in 0–100, an
// Address without brackets or port and with a numeric Port attribute.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "connectors/threatfox/threatfox_reader.hpp"
#include "lib/indicators/text.hpp"
#include "lib/pipeline/source/source_fetch.hpp"

namespace {

using namespace tcfeed;

class CheckingSink final : public pipeline::CandidateSink {
 public:
  void accept(const pipeline::Candidate& candidate) override {
    if (candidate.value.empty()) std::abort();
    if (candidate.confidence && (*candidate.confidence < 0 || *candidate.confidence > 100)) std::abort();
    if (candidate.type == indicators::IndicatorType::Address) {
      if (candidate.value.find('[') != std::string_view::npos) std::abort();
      if (candidate.attributes.empty() || candidate.attributes.front().first != "Port") std::abort();
      const auto port = candidate.attributes.front().second;
      if (port.empty() || port.size() > 5 || !std::all_of(port.begin(), port.end(), indicators::text::is_digit)) {
        std::abort();
      }
    }
  }
  void unmapped(pipeline::Unmapped reason) override {
    // Only a reason the table lists: its code reads back as the same reason.
    if (pipeline::unmapped_from_code(pipeline::unmapped_code(reason)) != reason) std::abort();
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  connectors::threatfox::ThreatfoxMapOptions options;
  options.min_confidence = (data[0] & 0x80) ? 50 : 0;
  options.ioc_types = connectors::threatfox::IocTypeSet(data[0] & 0x3f);
  if ((data[0] & 0x40) == 0) options.ioc_types.set();
  options.after_id = (data[0] & 0x01) ? 1000 : 0;
  CheckingSink sink;
  try {
    const auto read = connectors::threatfox::read_threatfox(
        std::make_unique<pipeline::StringSource>(std::string(reinterpret_cast<const char*>(data + 1), size - 1)),
        options, sink, 1 << 20);
    if (read.max_id < 0) std::abort();
  } catch (const pipeline::SourceError&) {
  }
  return 0;
}
