// libFuzzer target for the Spamhaus DROP reader and mapper: the input is a list (JSON lines or
// text, told apart by content as in production). Checks that nothing crashes, that every candidate
// is a trimmed CIDR with a '/' or an ASN of "AS" and digits, that its one attribute is a Source
// pointing at an SBL record of "SBL" and digits or at the DROP page, and that a JSON-lines list
// read without an error had its metadata count match the lines read.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "connectors/spamhaus/spamhaus_reader.hpp"
#include "lib/indicators/text.hpp"
#include "lib/pipeline/source/source_fetch.hpp"
#include "tests/fuzz/candidate_checks.hpp"

namespace {

using namespace tcfeed;
using connectors::spamhaus::kDropSource;
using connectors::spamhaus::kSblQuery;

class CheckingSink final : public pipeline::CandidateSink {
 public:
  void accept(const pipeline::Candidate& candidate) override {
    ++accepted;
    if (!fuzz::trimmed(candidate.value)) std::abort();
    if (candidate.type == indicators::IndicatorType::CIDR) {
      if (candidate.value.find('/') == std::string_view::npos) std::abort();
    } else if (candidate.type == indicators::IndicatorType::ASN) {
      std::string_view digits = candidate.value;
      if (indicators::text::istarts_with(digits, "AS")) digits.remove_prefix(2);
      if (digits.empty() || !std::all_of(digits.begin(), digits.end(), indicators::text::is_digit)) std::abort();
    } else {
      std::abort();
    }
    if (candidate.attributes.size() != 1 || candidate.attributes[0].first != "Source") std::abort();
    const std::string_view source = candidate.attributes[0].second;
    if (source != kDropSource) {
      if (source.substr(0, kSblQuery.size()) != kSblQuery) std::abort();
      const std::string_view id = source.substr(kSblQuery.size());
      if (!connectors::spamhaus::is_sbl_id(id)) std::abort();
    }
  }
  void unmapped(pipeline::Unmapped reason) override {
    ++unmapped_count;
    if (pipeline::unmapped_from_code(pipeline::unmapped_code(reason)) != reason) std::abort();
  }
  std::size_t accepted = 0;
  std::size_t unmapped_count = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  CheckingSink sink;
  try {
    const auto read = connectors::spamhaus::read_spamhaus(
        std::make_unique<pipeline::StringSource>(std::string(reinterpret_cast<const char*>(data), size)), sink);
    // Every entry read is either a candidate or counted unmapped, never both, never neither.
    if (read.records != sink.accepted + sink.unmapped_count) std::abort();
  } catch (const pipeline::SourceError&) {
  }
  return 0;
}
