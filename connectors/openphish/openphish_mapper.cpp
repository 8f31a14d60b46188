#include "connectors/openphish/openphish_mapper.hpp"

#include <algorithm>

#include "connectors/url_host_candidate.hpp"

namespace tcfeed::connectors::openphish {

Verdict OpenphishMapper::map(std::string_view url, pipeline::CandidateSink& sink) {
  // Two URLs run together, or a line of prose: not one URL, whatever a lenient parser makes of it.
  if (url.empty() ||
      std::any_of(url.begin(), url.end(), [](char c) { return static_cast<unsigned char>(c) <= ' ' || c == 0x7f; })) {
    sink.unmapped(pipeline::Unmapped::Malformed);
    return Verdict::Malformed;
  }
  candidate_.type = indicators::IndicatorType::URL;
  candidate_.value = url;
  if (candidate_.attributes.empty()) candidate_.attributes.emplace_back("Source", kOpenphishSource);
  sink.accept(candidate_);
  if (options_.host_as == HostAs::Host) {
    if (const auto host = url_host_candidate(url)) {
      candidate_.type = host->type;
      candidate_.value = host->value;
      candidate_.continues_record = true;
      sink.accept(candidate_);
      candidate_.continues_record = false;
    }
  }
  return Verdict::Mapped;
}

}  // namespace tcfeed::connectors::openphish
