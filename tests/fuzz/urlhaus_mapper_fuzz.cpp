// libFuzzer target for the URLhaus reader and mapper: the first byte picks the options (host_as,
// include_offline, a cursor, a backfill start), the rest is the export (CSV or the JSON dump,
// told apart by content as in production). Checks that nothing crashes and that every candidate
// keeps the mapper's promises: a trimmed URL, or its host as Host/Address without userinfo,
// port, path or opening bracket; tags that are neither empty nor "None"; at most a Source attribute.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "connectors/urlhaus/urlhaus_reader.hpp"
#include "lib/pipeline/source/source_fetch.hpp"
#include "tests/fuzz/candidate_checks.hpp"

namespace {

using namespace tcfeed;
using fuzz::trimmed;
using indicators::IndicatorType;

class CheckingSink final : public pipeline::CandidateSink {
 public:
  explicit CheckingSink(bool hosts) : hosts_(hosts) {}

  void accept(const pipeline::Candidate& candidate) override {
    if (candidate.value.empty()) std::abort();
    if (candidate.type == IndicatorType::URL) {
      if (!trimmed(candidate.value)) std::abort();
      last_url_ = candidate.value;
    } else if (candidate.type == IndicatorType::Host || candidate.type == IndicatorType::Address) {
      // Only with host_as: host, right after its URL, and a part of it. Whitespace inside the
      // authority stays in the host (corpus: crash-whitespace-in-host): normalization trims a
      // Host, so the host of a URL it rejects can still be sent; that is the mapper's to decide.
      if (!hosts_ || last_url_.find(candidate.value) == std::string_view::npos) std::abort();
      if (candidate.value.find_first_of("/?#@") != std::string_view::npos) std::abort();
      if (candidate.value.front() == '[') std::abort();
      if (candidate.type == IndicatorType::Host && candidate.value.find(':') != std::string_view::npos) std::abort();
    } else {
      std::abort();
    }
    for (const auto tag : candidate.tags) {
      if (!trimmed(tag) || tag == "None") std::abort();
    }
    if (candidate.attributes.size() > 1) std::abort();
    for (const auto& [name, value] : candidate.attributes) {
      if (name != "Source" || !trimmed(value) || value == "None") std::abort();
    }
  }
  void unmapped(pipeline::Unmapped reason) override {
    // Only a reason the table lists: its code reads back as the same reason.
    if (pipeline::unmapped_from_code(pipeline::unmapped_code(reason)) != reason) std::abort();
  }

 private:
  bool hosts_;
  std::string_view last_url_;  // valid while the record is read: the host comes in the same record
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  connectors::urlhaus::UrlhausMapOptions options;
  options.host_as = (data[0] & 1) ? connectors::urlhaus::HostAs::Host : connectors::urlhaus::HostAs::None;
  options.include_offline = (data[0] & 2) != 0;
  options.after_id = (data[0] & 4) ? 2843718 : 0;
  if (data[0] & 8) options.not_before = *connectors::urlhaus::parse_dateadded("2024-05-13 00:00:00");
  CheckingSink sink(options.host_as == connectors::urlhaus::HostAs::Host);
  try {
    const auto read = connectors::urlhaus::read_urlhaus(
        std::make_unique<pipeline::StringSource>(std::string(reinterpret_cast<const char*>(data + 1), size - 1)),
        options, sink);
    if (read.max_id < 0) std::abort();
  } catch (const pipeline::SourceError&) {
  }
  return 0;
}
