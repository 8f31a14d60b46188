// libFuzzer target for the OpenPhish reader and mapper: the first byte picks host_as, the rest is
// the feed. Checks that nothing crashes, that every URL is trimmed with no space or control
// character in it, that a host follows its URL only with host_as: host, as a Host or an Address
// that is part of that URL, and that every record read is a candidate or counted unmapped.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "connectors/openphish/openphish_reader.hpp"
#include "lib/pipeline/source/source_fetch.hpp"
#include "tests/fuzz/candidate_checks.hpp"

namespace {

using namespace tcfeed;

class CheckingSink final : public pipeline::CandidateSink {
 public:
  explicit CheckingSink(bool hosts) : hosts_(hosts) {}
  void accept(const pipeline::Candidate& candidate) override {
    if (candidate.attributes.size() != 1 || candidate.attributes[0].second != connectors::openphish::kOpenphishSource)
      std::abort();
    if (!candidate.continues_record) {
      if (candidate.type != indicators::IndicatorType::URL || !fuzz::trimmed(candidate.value)) std::abort();
      if (std::any_of(candidate.value.begin(), candidate.value.end(),
                      [](char c) { return static_cast<unsigned char>(c) <= ' ' || c == 0x7f; }))
        std::abort();
      url_ = std::string(candidate.value);
      ++records;
      return;
    }
    if (!hosts_ || url_.empty()) std::abort();
    if (candidate.type != indicators::IndicatorType::Host && candidate.type != indicators::IndicatorType::Address)
      std::abort();
    if (candidate.value.empty() || url_.find(candidate.value) == std::string::npos) std::abort();
  }
  void unmapped(pipeline::Unmapped reason) override {
    ++records;
    if (pipeline::unmapped_from_code(pipeline::unmapped_code(reason)) != reason) std::abort();
  }
  std::size_t records = 0;

 private:
  bool hosts_;
  std::string url_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  connectors::openphish::OpenphishMapOptions options;
  const bool hosts = (data[0] & 1) != 0;
  options.host_as = hosts ? connectors::openphish::HostAs::Host : connectors::openphish::HostAs::None;
  CheckingSink sink(hosts);
  try {
    const auto read = connectors::openphish::read_openphish(
        std::make_unique<pipeline::StringSource>(std::string(reinterpret_cast<const char*>(data + 1), size - 1)),
        options, sink);
    if (read.records != sink.records) std::abort();
  } catch (const pipeline::SourceError&) {
  }
  return 0;
}
