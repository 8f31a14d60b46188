// libFuzzer target for the Feodo Tracker reader and mapper: the first byte
// picks include_offline, the rest is the list (JSON array or CSV, told apart by
// content as in production). Checks that nothing crashes and that every
// candidate is a non-empty Address with the tracker as Source and at most a
// numeric Port.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "connectors/feodo/feodo_reader.hpp"
#include "lib/indicators/text.hpp"
#include "lib/pipeline/source/source_fetch.hpp"

namespace {

using namespace tcfeed;

class CheckingSink final : public pipeline::CandidateSink {
 public:
  void accept(const pipeline::Candidate& candidate) override {
    if (candidate.type != indicators::IndicatorType::Address || candidate.value.empty()) std::abort();
    if (candidate.attributes.empty() || candidate.attributes.size() > 2) std::abort();
    for (const auto& [name, value] : candidate.attributes) {
      if (name == "Source") {
        if (value != connectors::feodo::kFeodoSource) std::abort();
      } else if (name != "Port" || value.empty() || value.size() > 5 ||
                 !std::all_of(value.begin(), value.end(), indicators::text::is_digit)) {
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
  connectors::feodo::FeodoMapOptions options;
  options.include_offline = (data[0] & 1) != 0;
  CheckingSink sink;
  try {
    connectors::feodo::read_feodo(
        std::make_unique<pipeline::StringSource>(std::string(reinterpret_cast<const char*>(data + 1), size - 1)),
        options, sink);
  } catch (const pipeline::SourceError&) {
  }
  return 0;
}
